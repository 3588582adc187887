package com.medcontracthub.opportunities.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.codecs.jobs.PipelineEmailJob;
import com.medcontracthub.jobs.Job;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
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

  private AlertsFixture fixture;
  private Reminders reminders;
  private String t;
  private UUID tenant;
  private UUID user;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    fixture = new AlertsFixture(vertx);
    reminders = new Reminders(vertx, fixture.pool, fixture.jobs, fixture.config.alerts());
    t = fixture.suffix;
    AlertsFixture.User capture = fixture.admin("capture").await();
    tenant = capture.tenant();
    user = capture.id();
  }

  @AfterEach
  void tearDown(VertxTestContext test) {
    fixture.close().onComplete(test.succeedingThenComplete());
  }

  private Future<Void> pipeline() {
    return fixture.pipelineEmails(user, tenant, "capture@example.gov", NEW_YORK.getId(), true, false,
            WEDNESDAY.minusDays(30))
        .compose(v -> fixture.inPipeline(tenant, "week", WEDNESDAY.plusDays(7).withHour(17), "qualifying"))
        // 04:30 UTC on Sunday: three of the user's days away, four in UTC
        .compose(v -> fixture.inPipeline(tenant, "late", WEDNESDAY.plusDays(3).withHour(23).withMinute(30), "bidding"))
        .compose(v -> fixture.inPipeline(tenant, "tomorrow", WEDNESDAY.plusDays(1).withHour(10), "identified"))
        .compose(v -> fixture.inPipeline(tenant, "two-days", WEDNESDAY.plusDays(2).withHour(10), "bidding"))
        .compose(v -> fixture.inPipeline(tenant, "submitted", WEDNESDAY.plusDays(3).withHour(12), "submitted"))
        .compose(v -> fixture.inPipeline(UUID.randomUUID(), "other-tenant", WEDNESDAY.plusDays(3).withHour(12), "bidding"));
  }

  private Future<JsonObject> run(ZonedDateTime hour) {
    return reminders.run(new SlotJob(PipelineEmailJob.REMINDERS_TYPE, hour.toInstant()));
  }

  /** The reminder e-mails enqueued for the user. */
  private Future<List<Job>> emails() {
    return fixture.emails("reminders:" + user + ":");
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
        .compose(both -> remindedOn().map(day -> List.of(both, day)))
        .onComplete(test.succeeding(outcome -> test.verify(() -> {
          @SuppressWarnings("unchecked")
          List<List<Job>> both = (List<List<Job>>) outcome.get(0);
          assertEquals(LocalDate.of(2026, 12, 2), outcome.get(1), "the day is recorded as reminded");
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

  private Future<LocalDate> remindedOn() {
    return fixture.pool.preparedQuery("SELECT reminded_on FROM opportunities.pipeline_emails WHERE user_id = $1")
        .execute(Tuple.of(user)).map(rows -> rows.iterator().next().getLocalDate(0));
  }

  @Test
  @DisplayName("a user removed from the tenant gets no reminder")
  void removedUser(Vertx vertx, VertxTestContext test) {
    pipeline()
        .compose(v -> fixture.member(tenant, "leaver"))
        .compose(leaver -> fixture.pipelineEmails(leaver.id(), tenant, "leaver@example.gov", NEW_YORK.getId(), true, false,
                WEDNESDAY.minusDays(30))
            .compose(v -> fixture.remove(leaver))
            .compose(v -> run(WEDNESDAY.withHour(7)))
            .compose(v -> fixture.emails("reminders:" + leaver.id() + ":")))
        .compose(leavers -> emails().map(users -> List.of(leavers.size(), users.size())))
        .onComplete(test.succeeding(counts -> test.verify(() -> {
          assertEquals(List.of(0, 1), counts, "none for the removed user, one for the user still there");
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a user whose time zone PostgreSQL does not know is left out, and the others still get theirs")
  void timeZoneUnknownToPostgres(Vertx vertx, VertxTestContext test) {
    pipeline()
        .compose(v -> fixture.member(tenant, "martian"))
        .compose(martian -> fixture.pipelineEmails(martian.id(), tenant, "martian@example.gov", "Mars/Olympus_Mons", true,
            false, WEDNESDAY.minusDays(30)))
        .compose(v -> run(WEDNESDAY.withHour(7)))
        .compose(v -> emails())
        .onComplete(test.succeeding(sent -> test.verify(() -> {
          assertEquals(1, sent.size());
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
    pipeline()
        .compose(v -> fixture.mailed(vertx, 1, () -> run(WEDNESDAY.withHour(7))))
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
