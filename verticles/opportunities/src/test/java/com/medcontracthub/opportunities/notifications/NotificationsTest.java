package com.medcontracthub.opportunities.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.codecs.avro.EventCodec;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.opportunities.OpportunitiesVerticle;
import com.medcontracthub.opportunities.identity.Accounts;
import com.medcontracthub.opportunities.identity.IdentityStore;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.pipeline.PipelineVerticle;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.kafka.KafkaBridgeVerticle;
import com.medcontracthub.platform.outbox.OutboxRelayVerticle;
import com.medcontracthub.testkit.KafkaTestClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivery guarantees end to end, against the embedded PostgreSQL and Kafka: the outbox relay publishes at least
 * once, and the notifications consumer turns each event into exactly one effect.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Opportunity change notifications")
class NotificationsTest {

  private final String t = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  private final String notice = "notify-" + t;
  private final String record = "{\"noticeId\": \"" + notice + "\", \"title\": \"%s\", \"postedDate\": \"2024-05-01\"}";

  /**
   * The relay's first attempt to mark this notice's events sent fails, as if it had crashed after Kafka acknowledged
   * them: a PostgreSQL trigger raises once (a sequence counts the attempts, and sequences survive the rollback).
   */
  private String failFirstMark() {
    return """
        CREATE SEQUENCE mark_attempts_%1$s;
        CREATE FUNCTION fail_first_mark_%1$s() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          IF NEW.record_key = '%2$s' AND nextval('mark_attempts_%1$s') = 1 THEN
            RAISE EXCEPTION 'relay stopped between publish and mark';
          END IF;
          RETURN NEW;
        END $f$;
        CREATE TRIGGER fail_first_mark_%1$s BEFORE UPDATE OF published_at ON outbox
          FOR EACH ROW EXECUTE FUNCTION fail_first_mark_%1$s();
        """.formatted(t, notice);
  }

  private String removeTrigger() {
    return """
        DROP TRIGGER fail_first_mark_%1$s ON outbox;
        DROP FUNCTION fail_first_mark_%1$s();
        DROP SEQUENCE mark_attempts_%1$s;
        """.formatted(t);
  }

  private static Future<Importer.Report> load(Vertx vertx, Pool pool, String json) {
    return vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { }));
  }

  private static Future<JsonArray> list(Vertx vertx, JsonObject who) {
    return vertx.eventBus().<JsonObject>request(Addresses.NOTIFICATIONS_LIST, new JsonObject().put("principal", who)
        .put("query", new JsonObject())).map(m -> m.body().getJsonArray("items"));
  }

  private static String notificationsGroup(MchConfig config) {
    return config.inbound().stream().filter(m -> m.address().equals(Addresses.NOTIFICATIONS_OPPORTUNITY_CHANGED))
        .findFirst().orElseThrow().group();
  }

  @Test
  @DisplayName("notifies the tenant bidding on a changed opportunity once, though the relay published the change twice")
  void exactlyOneEffect(Vertx vertx, VertxTestContext ctx) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    EventCodec.registerAll(vertx);
    Pool pool = PgPools.create(vertx, config);
    IdentityStore identities = new IdentityStore(pool);
    Accounts accounts = new Accounts(vertx, identities);
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    JsonObject[] tenants = new JsonObject[2];

    accounts.createTenant("na-" + t, "na-" + t + "@a.example", "secret-a", "test")
        .compose(v -> accounts.createTenant("nb-" + t, "nb-" + t + "@b.example", "secret-b", "test"))
        .compose(v -> identities.activeByEmail("na-" + t + "@a.example"))
        .compose(a -> {
          tenants[0] = a.orElseThrow().principal();
          return identities.activeByEmail("nb-" + t + "@b.example");
        })
        .compose(b -> {
          tenants[1] = b.orElseThrow().principal();
          return Future.all(vertx.deployVerticle(new PipelineVerticle(config)),
              vertx.deployVerticle(new NotificationsVerticle(config)),
              vertx.deployVerticle(new OpportunitiesVerticle(config)),
              vertx.deployVerticle(new OutboxRelayVerticle(config)),
              vertx.deployVerticle(new KafkaBridgeVerticle(config)));
        })
        .compose(v -> load(vertx, pool, record.formatted("Nitrile gloves")))
        .compose(v -> kafka.awaitEvents(Topics.OPPORTUNITY_EVENTS, 1, r -> notice.equals(r.key())))
        .compose(inserted -> vertx.eventBus().request(Addresses.PIPELINE_MOVE, new JsonObject()
            .put("principal", tenants[0]).put("path", new JsonObject().put("opportunityId", notice))
            .put("body", new JsonObject().put("stage", "bidding").put("expectedVersion", 0))))
        .compose(v -> pool.query(failFirstMark()).execute())
        .compose(v -> load(vertx, pool, record.formatted("Nitrile gloves, powder-free")))
        .compose(v -> kafka.awaitEvents(Topics.OPPORTUNITY_EVENTS, 2,
            r -> notice.equals(r.key()) && "updated".equals(((OpportunityChanged) r.value()).getChange())))
        .compose(twice -> {
          ctx.verify(() -> assertEquals(((OpportunityChanged) twice.get(0).value()).getEnvelope().getEventId(),
              ((OpportunityChanged) twice.get(1).value()).getEnvelope().getEventId(), "one event, published twice"));
          return kafka.awaitCommitted(notificationsGroup(config), twice.get(1));
        })
        .compose(handled -> Future.all(list(vertx, tenants[0]), list(vertx, tenants[1])))
        .eventually(() -> pool.query(removeTrigger()).execute())
        .eventually(kafka::close)
        .onComplete(ctx.succeeding(lists -> ctx.verify(() -> {
          JsonArray bidding = lists.resultAt(0);
          assertEquals(1, bidding.size(), bidding::encodePrettily);
          JsonObject notification = bidding.getJsonObject(0);
          assertEquals("opportunity.updated", notification.getString("kind"));
          assertEquals(notice, notification.getString("noticeId"));
          assertEquals("Nitrile gloves, powder-free", notification.getJsonObject("detail").getString("title"));
          assertEquals("bidding", notification.getJsonObject("detail").getString("stage"));
          assertTrue(((JsonArray) lists.resultAt(1)).isEmpty(), "the other tenant does not bid on it");
          ctx.completeNow();
        })));
  }
}
