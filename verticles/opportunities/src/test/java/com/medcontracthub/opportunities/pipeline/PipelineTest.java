package com.medcontracthub.opportunities.pipeline;

import static com.medcontracthub.testkit.ServiceCalls.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.Headers;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.events.Envelope;
import com.medcontracthub.events.PipelineStageChanged;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.opportunities.PipelineVerticle;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.outbox.OutboxRelayVerticle;
import com.medcontracthub.testkit.KafkaTestClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bid pipeline on the event bus, against the embedded PostgreSQL, for two tenants. */
@ExtendWith(VertxExtension.class)
@DisplayName("Bid pipeline")
class PipelineTest {

  private final String t = UUID.randomUUID().toString().substring(0, 8);
  private final String notice = "pipe-" + t;
  private JsonObject alice;
  private JsonObject bob;
  private Pool pool;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) throws Exception {
    String uri = TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI);
    Migrations.apply(uri);
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(uri)).using(vertx).build();
    vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(() -> new ByteArrayInputStream(
        ("{\"noticeId\": \"" + notice + "\", \"title\": \"Gauze\", \"postedDate\": \"2024-05-01\"}")
            .getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { })).await();
    IdentityStore store = new IdentityStore(pool);
    Accounts accounts = new Accounts(vertx, store);
    ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .compose(config -> vertx.deployVerticle(new PipelineVerticle(config))
            .compose(d -> vertx.deployVerticle(new OutboxRelayVerticle(config))))
        .compose(d -> accounts.createTenant("pa-" + t, "pa-" + t + "@a.example", "secret-a", "test"))
        .compose(d -> accounts.createTenant("pb-" + t, "pb-" + t + "@b.example", "secret-b", "test"))
        .compose(d -> store.activeByEmail("pa-" + t + "@a.example"))
        .compose(a -> {
          alice = a.orElseThrow().principal();
          return store.activeByEmail("pb-" + t + "@b.example");
        })
        .onComplete(ctx.succeeding(b -> {
          bob = b.orElseThrow().principal();
          ctx.completeNow();
        }));
  }

  private Future<JsonObject> move(Vertx vertx, JsonObject who, String stage, Object expected) {
    return vertx.eventBus().<JsonObject>request(Addresses.PIPELINE_MOVE, new JsonObject().put("principal", who)
        .put("path", new JsonObject().put("opportunityId", notice))
        .put("body", new JsonObject().put("stage", stage).put("expectedVersion", expected))).map(m -> m.body());
  }

  private Future<JsonObject> get(Vertx vertx, JsonObject who, String id) {
    return vertx.eventBus().<JsonObject>request(Addresses.PIPELINE_GET, new JsonObject().put("principal", who)
        .put("path", new JsonObject().put("opportunityId", id))).map(m -> m.body());
  }

  @Test
  @DisplayName("moves through stages with expected versions, refuses a stale one with 409, and keeps the history")
  void stagesAndHistory(Vertx vertx, VertxTestContext ctx) {
    move(vertx, alice, "identified", 0)
        .compose(first -> move(vertx, alice, "qualifying", first.getInteger("version")))
        .compose(second -> {
          ctx.verify(() -> assertEquals(2, second.getInteger("version")));
          return failureCode(move(vertx, alice, "bidding", 1));
        })
        .compose(stale -> {
          ctx.verify(() -> assertEquals(409, stale));
          return get(vertx, alice, notice);
        })
        .onComplete(ctx.succeeding(entry -> ctx.verify(() -> {
          assertEquals("qualifying", entry.getString("stage"));
          assertEquals(2, entry.getInteger("version"));
          assertEquals(2, entry.getJsonArray("history").size());
          JsonObject last = entry.getJsonArray("history").getJsonObject(1);
          assertEquals("identified", last.getString("from"));
          assertEquals("qualifying", last.getString("to"));
          assertEquals(alice.getString("userId"), last.getString("by"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("publishes every move to mch.pipeline.events through the outbox, keyed by entry, in order, enveloped")
  void publishesEvents(Vertx vertx, VertxTestContext ctx) {
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    String key = alice.getString("tenantId") + ":" + notice;
    move(vertx, alice, "identified", 0)
        .compose(first -> move(vertx, alice, "bidding", 1))
        .compose(second -> kafka.awaitEvents(Topics.PIPELINE_EVENTS, 2, r -> key.equals(r.key())))
        .eventually(kafka::close)
        .onComplete(ctx.succeeding(records -> ctx.verify(() -> {
          List<PipelineStageChanged> events = records.stream().map(r -> (PipelineStageChanged) r.value()).toList();
          assertEquals(List.of(1, 2), events.stream().map(PipelineStageChanged::getVersion).toList());
          assertEquals(records.get(0).partition(), records.get(1).partition());
          PipelineStageChanged last = events.get(1);
          Envelope envelope = last.getEnvelope();
          assertEquals("PipelineStageChanged", envelope.getType());
          assertEquals("opportunities", envelope.getSource());
          assertEquals(alice.getString("tenantId"), envelope.getTenantId());
          assertEquals(key, envelope.getAggregateId());
          assertEquals(1, envelope.getSchemaVersion());
          assertEquals("identified", last.getFrom());
          assertEquals("bidding", last.getTo());
          assertEquals(alice.getString("userId"), last.getBy());
          assertEquals(envelope.getEventId(), header(records.get(1), Headers.EVENT_ID));
          assertEquals("PipelineStageChanged", header(records.get(1), Headers.EVENT_TYPE));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a backfill publishes every move again, batch by batch in version order, each under its own event id "
      + "(consumers that have it drop it): from the outbox's row, or rebuilt from the event store where there is none")
  void republishesMoves(Vertx vertx, VertxTestContext ctx) {
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    PipelineStore store = new PipelineStore(pool);
    String key = alice.getString("tenantId") + ":" + notice;
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
    move(vertx, alice, "identified", 0)
        .compose(first -> move(vertx, alice, "bidding", 1))
        .compose(second -> kafka.awaitEvents(Topics.PIPELINE_EVENTS, 2, r -> key.equals(r.key())))
        // a cursor just before this entry, batches of one: the walk's order and cursors, not other tests' moves
        .compose(published -> store.republish(key + "#0", null, 1)
            .compose(firstBatch -> store.republish(firstBatch.get(0), null, 1).map(secondBatch -> {
              ctx.verify(() -> assertEquals(List.of(key + "#1", key + "#2"), List.of(firstBatch.get(0),
                  secondBatch.get(0))));
              return published;
            })))
        .compose(published -> kafka.awaitEvents(Topics.PIPELINE_EVENTS, 4, r -> key.equals(r.key()))
            .map(all -> List.of(published, all.subList(2, 4))))
        // moves the outbox holds no row of (made before it existed): rebuilt from the event store
        .compose(both -> pool.preparedQuery("DELETE FROM platform.outbox WHERE record_key = $1").execute(Tuple.of(key))
            .compose(deleted -> store.republish(key + "#0", tomorrow, 2))
            .compose(none -> {
              ctx.verify(() -> assertEquals(List.of(), none, "no move made since tomorrow"));
              return store.republish(key + "#0", null, 2);
            })
            .compose(rebuilt -> kafka.awaitEvents(Topics.PIPELINE_EVENTS, 6, r -> key.equals(r.key())))
            .map(all -> List.of(both.get(0), both.get(1), all.subList(4, 6))))
        .compose(all -> store.countMovesSince(tomorrow).map(none -> {
          ctx.verify(() -> assertEquals(0, none, "no move made since tomorrow"));
          return all;
        }))
        .eventually(kafka::close)
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<PipelineStageChanged> before = events(all.get(0));
          assertEquals(before, events(all.get(1)), "the outbox's rows again: the same events, envelopes and all");
          assertEquals(before, events(all.get(2)), "rebuilt from the event store: the same ids, times, correlation ids");
          assertEquals(before.get(1).getEnvelope().getEventId(), header(all.get(2).get(1), Headers.EVENT_ID));
          ctx.completeNow();
        })));
  }

  private static List<PipelineStageChanged> events(List<KafkaConsumerRecord<String, SpecificRecord>> records) {
    return records.stream().map(r -> (PipelineStageChanged) r.value()).toList();
  }

  private static String header(KafkaConsumerRecord<String, ?> record, String name) {
    return record.headers().stream().filter(h -> h.key().equals(name)).findFirst().orElseThrow().value().toString();
  }

  @Test
  @DisplayName("lets exactly one of two concurrent moves from the same version win")
  void concurrentMoves(Vertx vertx, VertxTestContext ctx) {
    Future<JsonObject> one = move(vertx, alice, "identified", 0);
    Future<JsonObject> two = move(vertx, alice, "no-bid", 0);
    Future.join(one, two).transform(ar -> get(vertx, alice, notice)).onComplete(ctx.succeeding(entry -> ctx.verify(() -> {
      assertEquals(1, (one.succeeded() ? 1 : 0) + (two.succeeded() ? 1 : 0), "one winner");
      Future<JsonObject> loser = one.failed() ? one : two;
      assertEquals(409, ((ReplyException) loser.cause()).failureCode());
      assertEquals(1, entry.getInteger("version"));
      assertEquals(1, entry.getJsonArray("history").size());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("lists the tenant's board with each notice's title, agency and deadline, the soonest deadline first and "
      + "one without last; another tenant's board is its own")
  void board(Vertx vertx, VertxTestContext ctx) {
    String due = "due-" + t;
    vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(() -> new ByteArrayInputStream(
            ("{\"noticeId\": \"" + due + "\", \"title\": \"Exam gloves\", \"postedDate\": \"2024-05-02\", "
                + "\"fullParentPathName\": \"VETERANS AFFAIRS, DEPARTMENT OF.VETERANS AFFAIRS, DEPARTMENT OF\", "
                + "\"responseDeadLine\": \"2030-01-15T17:00:00-05:00\"}").getBytes(StandardCharsets.UTF_8)), "test",
            (r, b) -> { }))
        .compose(imported -> move(vertx, alice, "bidding", 0))
        .compose(moved -> vertx.eventBus().<JsonObject>request(Addresses.PIPELINE_MOVE, new JsonObject()
            .put("principal", alice).put("path", new JsonObject().put("opportunityId", due))
            .put("body", new JsonObject().put("stage", "identified").put("expectedVersion", 0))))
        .compose(moved -> Future.all(board(vertx, alice), board(vertx, bob)))
        .onComplete(ctx.succeeding(boards -> ctx.verify(() -> {
          JsonObject alices = boards.resultAt(0);
          assertEquals(2, alices.getLong("total"));
          JsonArray entries = alices.getJsonArray("entries");
          JsonObject first = entries.getJsonObject(0);
          assertEquals(List.of(due, notice), entries.stream().map(e -> ((JsonObject) e).getString("noticeId")).toList());
          assertEquals("Exam gloves", first.getString("title"));
          assertEquals("VETERANS AFFAIRS, DEPARTMENT OF.VETERANS AFFAIRS, DEPARTMENT OF", first.getString("agency"));
          assertEquals("2030-01-15T22:00:00Z", first.getString("responseDeadline"));
          assertEquals("identified", first.getString("stage"));
          assertEquals(1, first.getInteger("version"));
          assertNotNull(first.getString("updatedAt"));
          assertEquals("bidding", entries.getJsonObject(1).getString("stage"));
          assertNull(entries.getJsonObject(1).getString("responseDeadline"));
          assertEquals(new JsonObject().put("entries", new JsonArray()).put("total", 0L), boards.resultAt(1));
          ctx.completeNow();
        })));
  }

  private Future<JsonObject> board(Vertx vertx, JsonObject who) {
    return vertx.eventBus().<JsonObject>request(Addresses.PIPELINE_LIST, new JsonObject().put("principal", who))
        .map(m -> m.body());
  }

  @Test
  @DisplayName("keeps each tenant's pipeline its own, and refuses bad stages, versions and unknown opportunities")
  void isolationAndBadInput(Vertx vertx, VertxTestContext ctx) {
    move(vertx, alice, "bidding", 0)
        .compose(v -> get(vertx, bob, notice))
        .compose(bobs -> {
          ctx.verify(() -> {
            assertNull(bobs.getString("stage"), "another tenant's pipeline is not visible");
            assertEquals(0, bobs.getInteger("version"));
          });
          List<Future<Integer>> refused = List.of(
              failureCode(move(vertx, bob, "won", 1)),
              failureCode(move(vertx, alice, "maybe", 1)),
              failureCode(move(vertx, alice, "won", "one")),
              failureCode(get(vertx, alice, "no-such-" + t)));
          return Future.all(refused).map(all -> refused.stream().map(Future::result).toList());
        })
        .onComplete(ctx.succeeding(codes -> ctx.verify(() -> {
          assertEquals(List.of(409, 400, 400, 404), codes);
          ctx.completeNow();
        })));
  }
}
