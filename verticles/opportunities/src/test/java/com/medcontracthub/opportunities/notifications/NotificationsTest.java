package com.medcontracthub.opportunities.notifications;

import static com.medcontracthub.testkit.ServiceCalls.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.OpportunityChanges;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.codecs.avro.EventCodec;
import com.medcontracthub.codecs.jobs.BackfillJob;
import com.medcontracthub.codecs.jobs.DigestJob;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.identity.IdentityVerticle;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.JobState;
import com.medcontracthub.jobs.NewJob;
import com.medcontracthub.opportunities.AlertsVerticle;
import com.medcontracthub.opportunities.BackfillsVerticle;
import com.medcontracthub.opportunities.NotificationsVerticle;
import com.medcontracthub.opportunities.OpportunitiesVerticle;
import com.medcontracthub.opportunities.PipelineVerticle;
import com.medcontracthub.opportunities.SavedSearchesVerticle;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.kafka.KafkaBridgeVerticle;
import com.medcontracthub.platform.outbox.OutboxRelayVerticle;
import com.medcontracthub.platform.redis.RedisClients;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.testkit.KafkaTestClient;
import com.medcontracthub.testkit.TestInfrastructure;
import com.medcontracthub.worker.WorkerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivery guarantees end to end, against the embedded PostgreSQL and Kafka: the outbox relay publishes at least
 * once, and the notifications consumer turns each event into exactly one effect.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Notifications from opportunity changes")
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
        CREATE TRIGGER fail_first_mark_%1$s BEFORE UPDATE OF published_at ON platform.outbox
          FOR EACH ROW EXECUTE FUNCTION fail_first_mark_%1$s();
        """.formatted(t, notice);
  }

  private String removeTrigger() {
    return """
        DROP TRIGGER fail_first_mark_%1$s ON platform.outbox;
        DROP FUNCTION fail_first_mark_%1$s();
        DROP SEQUENCE mark_attempts_%1$s;
        """.formatted(t);
  }

  private static Future<Importer.Report> load(Vertx vertx, Pool pool, String json) {
    return vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(
        () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { }));
  }

  private static Future<JsonArray> list(Vertx vertx, JsonObject who) {
    return vertx.eventBus().<JsonObject>request(Addresses.NOTIFICATIONS_LIST, new JsonObject().put("principal", who)
        .put("query", new JsonObject())).map(m -> m.body().getJsonArray("items"));
  }

  private static String notificationsGroup(MchConfig config) {
    return config.bridge().inbound().stream().filter(m -> m.address().equals(Addresses.NOTIFICATIONS_OPPORTUNITY_CHANGED))
        .findFirst().orElseThrow().group();
  }

  /** Two tenants (an admin each), the services and the bridge from the outbox to them, on the embedded infrastructure. */
  private record World(MchConfig config, Pool pool, KafkaTestClient kafka, JsonObject a, JsonObject b) {
  }

  private Future<World> world(Vertx vertx) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    EventCodec.registerAll(vertx);
    Pool pool = PgPools.create(vertx, config);
    IdentityStore identities = new IdentityStore(pool);
    Accounts accounts = new Accounts(vertx, identities);
    JsonObject[] tenants = new JsonObject[2];
    return accounts.createTenant("na-" + t, "na-" + t + "@a.example", "secret-a", "test")
        .compose(v -> accounts.createTenant("nb-" + t, "nb-" + t + "@b.example", "secret-b", "test"))
        .compose(v -> identities.activeByEmail("na-" + t + "@a.example"))
        .compose(a -> {
          tenants[0] = a.orElseThrow().principal();
          return identities.activeByEmail("nb-" + t + "@b.example");
        })
        .compose(b -> {
          tenants[1] = b.orElseThrow().principal();
          return Future.all(List.of(vertx.deployVerticle(new IdentityVerticle(config)),
              vertx.deployVerticle(new PipelineVerticle(config)),
              vertx.deployVerticle(new SavedSearchesVerticle(config)),
              vertx.deployVerticle(new NotificationsVerticle(config)),
              vertx.deployVerticle(new OpportunitiesVerticle(config)),
              vertx.deployVerticle(new OutboxRelayVerticle(config)),
              vertx.deployVerticle(new KafkaBridgeVerticle(config))));
        })
        .map(v -> new World(config, pool, new KafkaTestClient(vertx), tenants[0], tenants[1]));
  }

  @Test
  @DisplayName("notifies the tenant bidding on a changed opportunity once, though the relay published the change twice")
  void exactlyOneEffect(Vertx vertx, VertxTestContext ctx) throws Exception {
    world(vertx).compose(w -> load(vertx, w.pool(), record.formatted("Nitrile gloves"))
            .compose(v -> w.kafka().awaitEvents(Topics.OPPORTUNITY_EVENTS, 1, r -> notice.equals(r.key())))
            .compose(inserted -> vertx.eventBus().request(Addresses.PIPELINE_MOVE, new JsonObject()
                .put("principal", w.a()).put("path", new JsonObject().put("opportunityId", notice))
                .put("body", new JsonObject().put("stage", "bidding").put("expectedVersion", 0))))
            .compose(v -> w.pool().query(failFirstMark()).execute())
            .compose(v -> load(vertx, w.pool(), record.formatted("Nitrile gloves, powder-free")))
            .compose(v -> w.kafka().awaitEvents(Topics.OPPORTUNITY_EVENTS, 2,
                r -> notice.equals(r.key()) && "updated".equals(((OpportunityChanged) r.value()).getChange())))
            .compose(twice -> {
              ctx.verify(() -> assertEquals(((OpportunityChanged) twice.get(0).value()).getEnvelope().getEventId(),
                  ((OpportunityChanged) twice.get(1).value()).getEnvelope().getEventId(), "one event, published twice"));
              return w.kafka().awaitCommitted(notificationsGroup(w.config()), twice.get(1));
            })
            .compose(handled -> Future.all(list(vertx, w.a()), list(vertx, w.b())))
            .eventually(() -> w.pool().query(removeTrigger()).execute())
            .eventually(w.kafka()::close))
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

  private static Future<JsonObject> saveSearch(Vertx vertx, JsonObject who, String name, JsonObject filters) {
    return saveSearch(vertx, who, new JsonObject().put("name", name).put("filters", filters));
  }

  private static Future<JsonObject> saveSearch(Vertx vertx, JsonObject who, JsonObject search) {
    return vertx.eventBus().<JsonObject>request(Addresses.SAVED_SEARCHES_CREATE, new JsonObject().put("principal", who)
        .put("body", search)).map(m -> m.body());
  }

  @Test
  @DisplayName("tells a tenant when a new notice matches one of its saved searches, once per matching search, and no one else")
  void savedSearchMatch(Vertx vertx, VertxTestContext ctx) throws Exception {
    String stent = "stent-" + t;
    String json = "{\"noticeId\": \"" + stent + "\", \"title\": \"Coronary stent kits " + t + "\", "
        + "\"postedDate\": \"2024-05-02\", \"naicsCode\": \"339112\", \"active\": \"Yes\", "
        + "\"placeOfPerformance\": {\"state\": {\"code\": \"VA\"}}}";
    world(vertx).compose(w -> Future.all(List.of(
                saveSearch(vertx, w.a(), "stents", new JsonObject().put("q", "stent " + t).put("naics", "339112")),
                saveSearch(vertx, w.a(), "virginia", new JsonObject().put("state", "va").put("active", "true")),
                saveSearch(vertx, w.a(), "texas stents", new JsonObject().put("q", t).put("state", "TX")),
                saveSearch(vertx, w.b(), "other naics", new JsonObject().put("q", t).put("naics", "423450"))))
            .compose(saved -> load(vertx, w.pool(), json))
            .compose(v -> w.kafka().awaitEvents(Topics.OPPORTUNITY_EVENTS, 1, r -> stent.equals(r.key())))
            .compose(inserted -> w.kafka().awaitCommitted(notificationsGroup(w.config()), inserted.get(0)))
            .compose(handled -> Future.all(list(vertx, w.a()), list(vertx, w.b())))
            .eventually(w.kafka()::close))
        .onComplete(ctx.succeeding(lists -> ctx.verify(() -> {
          JsonArray a = lists.resultAt(0);
          assertEquals(List.of("stents", "virginia"), a.stream().map(n -> ((JsonObject) n).getJsonObject("detail")
              .getString("savedSearch")).sorted().toList(), a::encodePrettily);
          for (Object each : a) {
            JsonObject notification = (JsonObject) each;
            assertEquals("saved-search.match", notification.getString("kind"));
            assertEquals(stent, notification.getString("noticeId"));
            assertEquals("Coronary stent kits " + t, notification.getJsonObject("detail").getString("title"));
          }
          assertTrue(((JsonArray) lists.resultAt(1)).isEmpty(), "tenant B's search asks for another NAICS code");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a saved search with daily alerts and a new matching notice: one e-mail at the digest's hour in the search's "
      + "time zone, none more when the hour runs again, and its unsubscribe link stops the digests")
  void dailyDigest(Vertx vertx, VertxTestContext ctx) throws Exception {
    String gloves = "gloves-" + t;
    String json = "{\"noticeId\": \"" + gloves + "\", \"title\": \"Nitrile exam gloves " + t + "\", "
        + "\"postedDate\": \"2024-05-03\", \"naicsCode\": \"339113\"}";
    // the digest of an hour to come takes the matches made until shortly before it; its local hour in Kolkata is the
    // digests' hour
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.HOURS);
    int localHour = hour.atZone(ZoneId.of("Asia/Kolkata")).getHour();
    // Kolkata is 5 h 30 ahead: its digest time is half an hour before the run's hour
    Instant digestTime = hour.atZone(ZoneId.of("Asia/Kolkata")).truncatedTo(ChronoUnit.HOURS).toInstant();
    GreenMail smtp = new GreenMail(new ServerSetup(Ports.free("127.0.0.1"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    String prefix = "digest-" + t;
    world(vertx).compose(w -> {
          MchConfig config = w.config().with(Map.of(ConfigKeys.JOBS_PREFIX, prefix, ConfigKeys.ALERTS_HOUR,
              String.valueOf(localHour), ConfigKeys.ALERTS_BASE_URL, "https://mch.example",
              ConfigKeys.MAIL_PORT, String.valueOf(smtp.getSmtp().getPort()), ConfigKeys.MAIL_STARTTLS, "disabled"),
              "test");
          JobQueue jobs = new JobQueue(new RedisLine(RedisClients.create(vertx, config), 5_000), prefix);
          NewJob digest = NewJob.of(DigestJob.TYPE, new JsonObject().put(DigestJob.SLOT, hour.toEpochMilli()));
          return Future.all(vertx.deployVerticle(new AlertsVerticle(config)), vertx.deployVerticle(new WorkerVerticle(config)))
              // as the gateway passes it: with the address the identity service's token check answers
              .compose(deployed -> saveSearch(vertx, w.a().copy().put("email", "na-" + t + "@a.example"), new JsonObject().put("name", "gloves").put("alerts", "daily")
                  .put("timeZone", "Asia/Kolkata").put("filters", new JsonObject().put("q", "gloves " + t))))
              .compose(saved -> load(vertx, w.pool(), json)
                  .compose(v -> w.kafka().awaitEvents(Topics.OPPORTUNITY_EVENTS, 1, r -> gloves.equals(r.key())))
                  .compose(inserted -> w.kafka().awaitCommitted(notificationsGroup(w.config()), inserted.get(0)))
                  .compose(handled -> jobs.enqueue(DigestJob.QUEUE, digest.withId("digest-first-" + t)))
                  .compose(first -> completed(vertx, jobs, first.id()))
                  .onSuccess(first -> ctx.verify(() -> assertEquals(new JsonObject().put("searches", 1).put("emails", 1),
                      first.getJsonObject("result"), first::encodePrettily)))
                  .compose(first -> completed(vertx, jobs, "digest:" + saved.getString("id") + ":" + digestTime.toEpochMilli()))
                  .compose(sent -> jobs.enqueue(DigestJob.QUEUE, digest.withId("digest-again-" + t)))
                  .compose(again -> completed(vertx, jobs, again.id()))
                  .compose(again -> {
                    MimeMessage mail = smtp.getReceivedMessages()[0];
                    String text = body(mail);
                    Matcher link = Pattern.compile("https://mch\\.example/alerts/unsubscribe\\?search=([0-9a-f-]+)&token=(\\S+)")
                        .matcher(text);
                    ctx.verify(() -> {
                      assertEquals(1, smtp.getReceivedMessages().length, "the hour run again sends nothing more");
                      assertEquals(0, again.getJsonObject("result").getInteger("emails"));
                      assertEquals("1 new for your saved search “gloves”", mail.getSubject());
                      assertEquals("na-" + t + "@a.example", mail.getAllRecipients()[0].toString());
                      assertTrue(text.contains("- Nitrile exam gloves " + t + "\n  https://mch.example/#/opportunities/" + gloves),
                          text);
                      assertTrue(link.find(), text);
                      assertEquals("<" + link.group() + ">", mail.getHeader("List-Unsubscribe")[0]);
                      assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post")[0]);
                    });
                    JsonObject wrong = new JsonObject().put("search", link.group(1)).put("token", "guessed");
                    JsonObject right = new JsonObject().put("search", link.group(1))
                        .put("token", URLDecoder.decode(link.group(2), StandardCharsets.UTF_8));
                    return failureCode(vertx.eventBus().request(Addresses.SAVED_SEARCHES_UNSUBSCRIBE, wrong))
                        .onSuccess(code -> ctx.verify(() -> assertEquals(404, code)))
                        .compose(code -> vertx.eventBus().<JsonObject>request(Addresses.SAVED_SEARCHES_UNSUBSCRIBE, right))
                        .onSuccess(reply -> ctx.verify(() -> assertEquals("gloves", reply.body().getString("name"))))
                        .compose(reply -> vertx.eventBus().<JsonObject>request(Addresses.SAVED_SEARCHES_GET,
                            new JsonObject().put("principal", w.a()).put("path", new JsonObject().put("id", saved.getString("id")))));
                  }))
              .eventually(w.kafka()::close);
        })
        .eventually(() -> {
          smtp.stop();
          return Future.succeededFuture();
        })
        .onComplete(ctx.succeeding(search -> ctx.verify(() -> {
          assertEquals("none", search.body().getString("alerts"), "unsubscribed");
          assertEquals("Asia/Kolkata", search.body().getString("timeZone"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a backfill publishes the notices again to Kafka as 'republished', batch by batch, and notifies nobody: "
      + "not the saved search that lists them, nor the tenant bidding on one")
  void republishNotifiesNobody(Vertx vertx, VertxTestContext ctx) throws Exception {
    List<String> notices = List.of("rp1-" + t, "rp2-" + t, "rp3-" + t);
    StringBuilder json = new StringBuilder();
    notices.forEach(id -> json.append("{\"noticeId\": \"").append(id).append("\", \"title\": \"Suture kits republish")
        .append(t).append("\", \"postedDate\": \"2024-05-03\"}\n"));
    String prefix = "backfill-" + t;
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    world(vertx).compose(w -> {
          MchConfig config = w.config().with(Map.of(ConfigKeys.JOBS_PREFIX, prefix), "test");
          JobQueue jobs = new JobQueue(new RedisLine(RedisClients.create(vertx, config), 5_000), prefix);
          NewJob republish = NewJob.of(BackfillJob.OPPORTUNITIES_REPUBLISH, new JsonObject().put(BackfillJob.BATCH_SIZE, 2)
              .put(BackfillJob.PARAMS, new JsonObject().put(BackfillJob.SINCE, today))).withId("republish-" + t);
          return saveSearch(vertx, w.a(), "sutures", new JsonObject().put("q", "republish" + t))
              .compose(saved -> load(vertx, w.pool(), json.toString()))
              .compose(v -> w.kafka().awaitEvents(Topics.OPPORTUNITY_EVENTS, 3, r -> notices.contains(r.key())))
              .compose(inserted -> handled(w, inserted))
              .compose(handled -> vertx.eventBus().request(Addresses.PIPELINE_MOVE, new JsonObject().put("principal", w.a())
                  .put("path", new JsonObject().put("opportunityId", notices.get(0)))
                  .put("body", new JsonObject().put("stage", "bidding").put("expectedVersion", 0))))
              .compose(moved -> list(vertx, w.a()))
              .compose(before -> w.pool().preparedQuery("SELECT count(*) FROM opportunities.opportunities "
                      + "WHERE updated_at >= ($1::date)::timestamp AT TIME ZONE 'UTC'")
                  .execute(Tuple.of(LocalDate.parse(today))).map(rows -> rows.iterator().next().getLong(0))
                  .compose(updatedToday -> vertx.deployVerticle(new BackfillsVerticle(config))
                      .compose(deployed -> jobs.enqueue(BackfillJob.queue(BackfillJob.OPPORTUNITIES_REPUBLISH), republish))
                      .compose(enqueued -> completed(vertx, jobs, enqueued.id()))
                      .onSuccess(done -> ctx.verify(() -> {
                        assertEquals(updatedToday, done.getJsonObject("result").getLong("items"), done::encodePrettily);
                        assertEquals(updatedToday, done.getJsonObject("checkpoint").getLong("done"));
                      })))
                  .compose(done -> w.kafka().awaitEvents(Topics.OPPORTUNITY_EVENTS, 3, r -> notices.contains(r.key())
                      && OpportunityChanges.REPUBLISHED.equals(((OpportunityChanged) r.value()).getChange())))
                  .compose(republished -> handled(w, republished))
                  .compose(handled -> list(vertx, w.a()))
                  .map(after -> List.of(before, after)))
              .eventually(w.kafka()::close);
        })
        .onComplete(ctx.succeeding(lists -> ctx.verify(() -> {
          assertEquals(3, lists.get(0).size(), "the saved search's matches, before: " + lists.get(0).encodePrettily());
          assertEquals(lists.get(0), lists.get(1), "nothing new after the backfill");
          ctx.completeNow();
        })));
  }

  /** Once the notifications' consumer group committed past every one of the records (their partitions may differ). */
  private static Future<Void> handled(World w, List<? extends KafkaConsumerRecord<String, ?>> records) {
    return Future.all(records.stream().map(r -> w.kafka().awaitCommitted(notificationsGroup(w.config()), r)).toList())
        .mapEmpty();
  }

  /** The job once it ended, checked every 20 ms; a job that ended otherwise than completed fails with what it shows. */
  private static Future<JsonObject> completed(Vertx vertx, JobQueue jobs, String id) {
    return jobs.job(id).compose(job -> job == null || !Set.of(JobState.COMPLETED, JobState.FAILED, JobState.DEAD)
            .contains(job.state()) ? vertx.timer(20).compose(t -> completed(vertx, jobs, id))
        : job.state() == JobState.COMPLETED ? Future.succeededFuture(job.toJson())
        : Future.failedFuture(new AssertionError("job " + id + " " + job.toJson().encodePrettily())));
  }

  private static String body(MimeMessage mail) {
    try {
      return ((String) mail.getContent()).replace("\r\n", "\n");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
