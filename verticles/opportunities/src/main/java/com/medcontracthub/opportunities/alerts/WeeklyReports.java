package com.medcontracthub.opportunities.alerts;

import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.codecs.jobs.PipelineEmailJob;
import com.medcontracthub.jobs.JobHandler;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.NewJob;
import com.medcontracthub.jobs.RunningJob;
import com.medcontracthub.opportunities.reports.PipelineReport;
import com.medcontracthub.opportunities.reports.PipelineReports;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The weekly pipeline reports of one hour ({@link PipelineEmailJob}): each user (still one) with the report on, for
 * whom Monday's hour of the alerts has come in their time zone, gets their tenant's report of that week as a PDF
 * attached to an e-mail, with a link that downloads it without a login. The report of a tenant's week is made once and
 * sent to each of its users; the e-mail's job id is the user's and the week's, and the week is then marked sent, so
 * running the hour again sends nothing twice.
 */
public final class WeeklyReports implements JobHandler {

  static final String TEMPLATE = "weekly-report";
  private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US);

  private final PipelineEmailStore store;
  private final Recipients recipients;
  private final PipelineReports reports;
  private final JobQueue jobs;
  private final MchConfig.Alerts settings;

  public WeeklyReports(Vertx vertx, Pool pool, PipelineReports reports, JobQueue jobs, MchConfig.Alerts settings) {
    this.store = new PipelineEmailStore(pool);
    this.recipients = new Recipients(vertx);
    this.reports = reports;
    this.jobs = jobs;
    this.settings = settings;
  }

  @Override
  public Future<JsonObject> run(RunningJob job) {
    Instant hour = HourlySlot.of(job);
    return store.reportsDue(hour, settings.hour())
        .compose(due -> recipients.stillUsers(due, PipelineEmailStore.Report::user))
        .compose(due -> send(job, due, 0));
  }

  /** One user after the other, the job's progress moving with them. */
  private Future<JsonObject> send(RunningJob job, List<PipelineEmailStore.Report> due, int done) {
    if (done == due.size()) {
      return Future.succeededFuture(new JsonObject().put("emails", due.size()));
    }
    PipelineEmailStore.Report user = due.get(done);
    return reports.weekly(user.tenant(), user.week())
        .compose(report -> jobs.enqueue(EmailJob.QUEUE, email(user, report)))
        .compose(enqueued -> store.reported(user))
        .compose(sent -> job.progress((done + 1) * 100 / due.size()).otherwise((Void) null))
        .compose(v -> send(job, due, done + 1));
  }

  private NewJob email(PipelineEmailStore.Report user, PipelineReport report) {
    String unsubscribe = UnsubscribeMount.link(settings.baseUrl(), UnsubscribeMount.Stopped.REPORT, user.user(),
        user.unsubscribeToken());
    JsonObject model = new JsonObject().put("week", WEEK.format(user.week()))
        .put("entries", report.entries()).put("url", PipelineReports.link(settings.baseUrl(), report))
        .put("unsubscribeUrl", unsubscribe);
    JsonObject attachment = new JsonObject().put(EmailJob.BLOB, report.blob()).put(EmailJob.NAME, report.fileName())
        .put(EmailJob.CONTENT_TYPE, "application/pdf");
    return NewJob.of(EmailJob.TYPE, new JsonObject().put(EmailJob.TO, user.email()).put(EmailJob.TEMPLATE, TEMPLATE)
            .put(EmailJob.MODEL, model).put(EmailJob.UNSUBSCRIBE_URL, unsubscribe)
            .put(EmailJob.ATTACHMENTS, new JsonArray().add(attachment)))
        .withId("weekly-report:" + user.user() + ":" + user.week());
  }
}
