package com.medcontracthub.opportunities.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.codecs.jobs.ReminderJob;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.jobs.Job;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.JobState;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.redis.RedisClients;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.testkit.TestInfrastructure;
import com.medcontracthub.worker.WorkerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deadline reminders against the embedded PostgreSQL and Redis: a user in New York (reminders at 07:00 there, 12:00
 * UTC in December) whose tenant has opportunities in its pipeline, due at set times, and the reminders of an hour run
 * as their job would be.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Deadline reminders")
class RemindersTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  /** Wednesday 2 December 2026, midnight in New York. */
  private static final ZonedDateTime WEDNESDAY = ZonedDateTime.of(2026, 12, 2, 0, 0, 0, 0, NEW_YORK);

  private final String prefix = "reminders-" + UUID.randomUUID();
  private final String t = UUID.randomUUID().toString().substring(0, 8);
  private final UUID tenant = UUID.randomUUID();
  private final UUID user = UUID.randomUUID();
  private Pool pool;
  private Redis redis;
  private JobQueue jobs;
  private MchConfig config;
  private Reminders reminders;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await().with(Map.of(ConfigKeys.ALERTS_HOUR, "7", ConfigKeys.ALERTS_BASE_URL, "https://mch.example",
            ConfigKeys.JOBS_PREFIX, prefix), "test");
    pool = PgPools.create(vertx, config);
    redis = RedisClients.create(vertx, config);
    jobs = new JobQueue(new RedisLine(redis, 5_000), prefix);
    reminders = new Reminders(pool, jobs, config.alerts());
  }

  @AfterEach
  void tearDown(VertxTestContext test) {
    pool.close().eventually(redis::close).onComplete(test.succeedingThenComplete());
  }

  /** An opportunity due at {@code deadline}, in {@code tenant}'s pipeline at {@code stage}. */
  private Future<Void> inPipeline(UUID tenant, String name, ZonedDateTime deadline, String stage) {
    String noticeId = name + "-" + t;
    return pool.preparedQuery("""
            INSERT INTO opportunities.opportunities (notice_id, title, posted_date, active, content_hash, correlation_id,
              response_deadline) VALUES ($1, $2, '2026-11-01', true, 'test', 'test', $3)""")
        .execute(Tuple.of(noticeId, "Exam gloves " + name, deadline.toOffsetDateTime()))
        .compose(v -> pool.preparedQuery("""
            INSERT INTO opportunities.pipeline_entries (tenant_id, notice_id, stage, version, correlation_id)
            VALUES ($1, $2, $3, 1, 'test')""").execute(Tuple.of(tenant, noticeId, stage)))
        .mapEmpty();
  }

  private Future<Void> pipeline() {
    return pool.preparedQuery("""
            INSERT INTO opportunities.deadline_reminders (user_id, tenant_id, email, time_zone, unsubscribe_token)
            VALUES ($1, $2, 'capture@example.gov', 'America/New_York', 'secret')""").execute(Tuple.of(user, tenant))
        .compose(v -> inPipeline(tenant, "week", WEDNESDAY.plusDays(7).withHour(17), "qualifying"))
        // 04:30 UTC on Sunday: three of the user's days away, four in UTC
        .compose(v -> inPipeline(tenant, "late", WEDNESDAY.plusDays(3).withHour(23).withMinute(30), "bidding"))
        .compose(v -> inPipeline(tenant, "tomorrow", WEDNESDAY.plusDays(1).withHour(10), "identified"))
        .compose(v -> inPipeline(tenant, "two-days", WEDNESDAY.plusDays(2).withHour(10), "bidding"))
        .compose(v -> inPipeline(tenant, "submitted", WEDNESDAY.plusDays(3).withHour(12), "submitted"))
        .compose(v -> inPipeline(UUID.randomUUID(), "other-tenant", WEDNESDAY.plusDays(3).withHour(12), "bidding"));
  }

  private Future<JsonObject> run(ZonedDateTime hour) {
    return reminders.run(new SlotJob(ReminderJob.TYPE, hour.toInstant()));
  }

  /** The reminder e-mails enqueued for the user. */
  private Future<List<Job>> emails() {
    return jobs.list(EmailJob.QUEUE, JobState.WAITING, 100)
        .map(waiting -> waiting.stream().filter(job -> job.id().startsWith("reminders:" + user + ":")).toList());
  }

  @Test
  @DisplayName("name the open pipeline opportunities 7, 3 and 1 of the user's own days before their deadline, once a day, "
      + "from the reminders' hour in the user's time zone")
  void remindersOfTheDay(Vertx vertx, VertxTestContext test) {
    pipeline()
        .compose(v -> run(WEDNESDAY.withHour(6))).compose(early -> emails())
        .onSuccess(early -> test.verify(() -> assertEquals(List.of(), early, "06:00 in New York: not yet")))
        .compose(v -> run(WEDNESDAY.withHour(7))).compose(sent -> emails())
        .compose(first -> run(WEDNESDAY.withHour(8)).compose(again -> emails()).map(second -> List.of(first, second)))
        .onComplete(test.succeeding(both -> test.verify(() -> {
          assertEquals(both.get(0), both.get(1), "the 08:00 run sends nothing more");
          assertEquals(1, both.get(0).size());
          Job email = both.get(0).get(0);
          assertEquals("reminders:" + user + ":2026-12-02", email.id());
          JsonObject data = new JsonObject(email.data());
          assertEquals("capture@example.gov", data.getString(EmailJob.TO));
          JsonObject model = data.getJsonObject(EmailJob.MODEL);
          JsonArray items = model.getJsonArray("items");
          assertEquals(List.of("Exam gloves tomorrow", "Exam gloves late", "Exam gloves week"),
              items.stream().map(item -> ((JsonObject) item).getString("title")).toList());
          assertEquals(List.of("tomorrow", "in 3 days", "in 7 days"),
              items.stream().map(item -> ((JsonObject) item).getString("when")).toList());
          assertEquals("Sat 5 Dec 2026, 23:30 EST", items.getJsonObject(1).getString("deadline"));
          assertEquals("https://mch.example/#/opportunities/late-" + t, items.getJsonObject(1).getString("url"));
          assertEquals("https://mch.example/alerts/unsubscribe?reminders=" + user + "&token=secret",
              data.getString(EmailJob.UNSUBSCRIBE_URL));
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("the next day's reminder names what is then 7, 3 or 1 day away")
  void nextDay(Vertx vertx, VertxTestContext test) {
    pipeline()
        .compose(v -> run(WEDNESDAY.withHour(7)))
        .compose(v -> run(WEDNESDAY.plusDays(1).withHour(9))).compose(v -> emails())
        .onComplete(test.succeeding(sent -> test.verify(() -> {
          assertEquals(List.of("reminders:" + user + ":2026-12-02", "reminders:" + user + ":2026-12-03"),
              sent.stream().map(Job::id).sorted().toList());
          JsonObject thursday = new JsonObject(sent.stream().filter(job -> job.id().endsWith("12-03")).findFirst()
              .orElseThrow().data()).getJsonObject(EmailJob.MODEL);
          assertEquals(List.of("Exam gloves two-days"), thursday.getJsonArray("items").stream()
              .map(item -> ((JsonObject) item).getString("title")).toList(), "two days away on Wednesday: tomorrow now");
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("the worker e-mails the reminder: the deadlines in the user's time zone, a link to each, and one to stop them")
  void emailed(Vertx vertx, VertxTestContext test) {
    GreenMail smtp = new GreenMail(new ServerSetup(Ports.free("127.0.0.1"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    MchConfig mail = config.with(Map.of(ConfigKeys.MAIL_PORT, String.valueOf(smtp.getSmtp().getPort()),
        ConfigKeys.MAIL_STARTTLS, "disabled"), "test");
    pipeline()
        .compose(v -> vertx.deployVerticle(new WorkerVerticle(mail)))
        .compose(deployed -> run(WEDNESDAY.withHour(7)))
        .compose(sent -> vertx.executeBlocking(() -> smtp.waitForIncomingEmail(10_000, 1)
            ? smtp.getReceivedMessages() : new MimeMessage[0]))
        .eventually(() -> vertx.executeBlocking(() -> {
          smtp.stop();
          return null;
        }))
        .onComplete(test.succeeding(received -> test.verify(() -> {
          assertEquals(1, received.length, "one e-mail within 10 s");
          MimeMessage email = received[0];
          assertEquals("Due soon: 3 opportunities of your pipeline, the first tomorrow", email.getSubject());
          assertEquals("capture@example.gov", email.getAllRecipients()[0].toString());
          String text = ((String) email.getContent()).replace("\r\n", "\n");
          assertTrue(text.contains("- Exam gloves late: due in 3 days, Sat 5 Dec 2026, 23:30 EST\n"
              + "  https://mch.example/#/opportunities/late-" + t + "\n"), text);
          assertTrue(text.contains("Times are in America/New_York."), text);
          assertEquals("<https://mch.example/alerts/unsubscribe?reminders=" + user + "&token=secret>",
              email.getHeader("List-Unsubscribe")[0]);
          test.completeNow();
        })));
  }
}
