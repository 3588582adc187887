package com.medcontracthub.opportunities.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.codecs.jobs.PipelineEmailJob;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.jobs.Job;
import com.medcontracthub.opportunities.reports.PipelineReports;
import com.medcontracthub.platform.blob.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Weekly pipeline reports against the embedded PostgreSQL and Redis: two users of one tenant, in New York and Los
 * Angeles (reports on Mondays at 07:00 there: 12:00 and 15:00 UTC in December), and the reports of an hour run as their
 * job would be.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Weekly pipeline reports")
class WeeklyReportsTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  /** Monday 30 November 2026, midnight UTC. */
  private static final ZonedDateTime MONDAY = ZonedDateTime.of(2026, 11, 30, 0, 0, 0, 0, ZoneId.of("UTC"));

  private UUID tenant;
  private UUID east;
  private UUID west;
  private AlertsFixture fixture;
  private BlobStore blobs;
  private WeeklyReports reports;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    fixture = new AlertsFixture(vertx);
    blobs = BlobStore.of(vertx, fixture.config);
    reports = new WeeklyReports(vertx, fixture.pool, new PipelineReports(vertx, fixture.pool, blobs), fixture.jobs,
        fixture.config.alerts());
    AlertsFixture.User admin = fixture.admin("east").await();
    tenant = admin.tenant();
    east = admin.id();
    west = fixture.member(tenant, "west").await().id();
  }

  @AfterEach
  void tearDown(VertxTestContext test) {
    fixture.close().onComplete(test.succeedingThenComplete());
  }

  /**
   * The tenant's pipeline (one opportunity due four days from now, when the report is made, and one won); the east
   * user's report on since October, the west user's since Saturday (so last Monday's report is not theirs to get).
   */
  private Future<Void> pipeline() {
    return fixture.pipelineEmails(east, tenant, "east@example.gov", NEW_YORK.getId(), false, true, MONDAY.minusDays(60))
        .compose(v -> fixture.pipelineEmails(west, tenant, "west@example.gov", LOS_ANGELES.getId(), false, true,
            MONDAY.minusDays(2)))
        .compose(v -> fixture.inPipeline(tenant, "soon", ZonedDateTime.now(ZoneOffset.UTC).plusDays(4), "bidding"))
        .compose(v -> fixture.inPipeline(tenant, "done", MONDAY.minusDays(20), "won"));
  }

  private Future<JsonObject> run(ZonedDateTime hour) {
    return reports.run(new SlotJob(PipelineEmailJob.REPORTS_TYPE, hour.toInstant()));
  }

  private Future<List<Job>> emails() {
    return fixture.emails("weekly-report:").map(all -> all.stream()
        .filter(job -> job.id().contains(east.toString()) || job.id().contains(west.toString())).toList());
  }

  private Future<List<LocalDate>> reportedWeeks() {
    return fixture.pool.preparedQuery("SELECT reported_week FROM opportunities.pipeline_emails WHERE user_id = ANY($1)")
        .execute(Tuple.of(new UUID[] {east, west}))
        .map(rows -> {
          List<LocalDate> weeks = new ArrayList<>();
          rows.forEach(row -> weeks.add(row.getLocalDate(0)));
          return weeks;
        });
  }

  private static String pdfText(byte[] pdf) throws Exception {
    try (var document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  @Test
  @DisplayName("each user gets the tenant's report of the week on Monday at their own hour, once; the report is made "
      + "once for the tenant, and its PDF shows the pipeline")
  void mondayAtEachUsersHour(Vertx vertx, VertxTestContext test) {
    pipeline()
        .compose(v -> run(MONDAY.withHour(12))).compose(v -> emails())
        .onSuccess(east7 -> test.verify(() -> assertEquals(List.of("weekly-report:" + east + ":2026-11-30"),
            east7.stream().map(Job::id).toList(), "07:00 in New York, 04:00 in Los Angeles")))
        .compose(v -> run(MONDAY.withHour(15))).compose(v -> run(MONDAY.withHour(16))).compose(v -> emails())
        .compose(sent -> reportedWeeks().compose(weeks -> fixture.pool
            .preparedQuery("SELECT blob FROM opportunities.pipeline_reports WHERE tenant_id = $1")
            .execute(Tuple.of(tenant))
            .compose(rows -> (rows.size() == 0 ? Future.succeededFuture(Buffer.buffer())
                : blobs.read(rows.iterator().next().getString("blob"), 10_000_000)).map(pdf -> {
              test.verify(() -> {
                assertEquals(2, sent.size(), "one e-mail each, the 16:00 run sending none more");
                assertEquals(List.of(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30)), weeks,
                    "the week is recorded as sent to each");
                assertEquals(1, rows.size(), "one report of the week for the tenant");
                String blob = rows.iterator().next().getString("blob");
                for (Job email : sent) {
                  JsonObject attachment = new JsonObject(email.data()).getJsonArray(EmailJob.ATTACHMENTS).getJsonObject(0);
                  assertEquals(List.of(blob, "pipeline-report-2026-11-30.pdf", "application/pdf"), List.of(
                      attachment.getString(EmailJob.BLOB), attachment.getString(EmailJob.NAME),
                      attachment.getString(EmailJob.CONTENT_TYPE)));
                }
                String text = pdfText(pdf.getBytes());
                assertTrue(text.contains("Pipeline report"), text);
                assertTrue(text.contains("Week of Monday, November 30, 2026"), text);
                assertTrue(text.contains("bidding 1"), text);
                assertTrue(text.contains("won 1"), text);
                assertTrue(text.contains("Due in the next 14 days\nDeadline Stage Title Notice\n"), text);
                assertTrue(text.contains(" bidding Exam gloves soon soon-" + fixture.suffix + "\n"), text);
                assertTrue(text.contains("VETERANS AFFAIRS, DEPARTMENT OF"), text);
                assertTrue(text.contains("Every opportunity in the pipeline (2)"), text);
              });
              return rows;
            }))))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("the worker e-mails the report with its PDF attached, a link to download it, and one to stop it")
  void emailed(Vertx vertx, VertxTestContext test) {
    pipeline()
        .compose(v -> fixture.mailed(vertx, 1, () -> run(MONDAY.withHour(12))))
        .onComplete(test.succeeding(received -> test.verify(() -> {
          assertEquals(1, received.length, "one e-mail within 10 s");
          MimeMessage email = received[0];
          assertEquals("Your pipeline report, week of November 30, 2026", email.getSubject());
          MimeMultipart parts = (MimeMultipart) email.getContent();
          String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
          assertTrue(text.matches("(?s).*https://mch\\.example/api/v1/reports/[0-9a-f-]+/file\\?token=[\\w-]+\\n.*"), text);
          BodyPart pdf = parts.getBodyPart(1);
          assertEquals("pipeline-report-2026-11-30.pdf", pdf.getFileName());
          assertTrue(pdf.getContentType().startsWith("application/pdf"), pdf.getContentType());
          assertTrue(pdfText(pdf.getInputStream().readAllBytes()).contains("Exam gloves soon"));
          assertEquals("<https://mch.example/alerts/unsubscribe?report=" + east + "&token=secret>",
              email.getHeader("List-Unsubscribe")[0]);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a report turned off and on again is sent from the next Monday on, not the week it was off in")
  void turnedOnAgain(Vertx vertx, VertxTestContext test) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    ZonedDateTime nextMonday = now.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS);
    LocalDate weeksAgo = nextMonday.minusDays(14).toLocalDate();
    PipelineEmailSettings settings = new PipelineEmailSettings(fixture.pool, fixture.config.alerts());
    Principal user = new Principal(east, tenant, "admin", "east@example.gov");
    JsonObject off = new JsonObject().put("timeZone", NEW_YORK.getId()).put("deadlineReminders", false)
        .put("weeklyReport", false);
    pipeline()
        .compose(v -> fixture.pool.preparedQuery("UPDATE opportunities.pipeline_emails SET reported_week = $2 "
            + "WHERE user_id = $1").execute(Tuple.of(east, weeksAgo)))
        .compose(v -> settings.set(user, off))
        .compose(v -> settings.set(user, off.copy().put("weeklyReport", true)))
        .compose(v -> run(now.truncatedTo(ChronoUnit.HOURS))).compose(v -> fixture.emails("weekly-report:" + east + ":"))
        .compose(atOnce -> run(nextMonday.withHour(12)).compose(v -> fixture.emails("weekly-report:" + east + ":"))
            .map(next -> List.of(atOnce.size(), next.size())))
        .onComplete(test.succeeding(counts -> test.verify(() -> {
          assertEquals(List.of(0, 1), counts, "none now for last Monday's week, one on the next Monday");
          test.completeNow();
        })));
  }
}
