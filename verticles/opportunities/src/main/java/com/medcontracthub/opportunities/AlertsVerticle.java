package com.medcontracthub.opportunities;

import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.jobs.DigestJob;
import com.medcontracthub.codecs.jobs.PipelineEmailJob;
import com.medcontracthub.jobs.JobHandler;
import com.medcontracthub.jobs.NewJob;
import com.medcontracthub.jobs.Repeat;
import com.medcontracthub.jobs.RepeatScheduler;
import com.medcontracthub.opportunities.alerts.Digests;
import com.medcontracthub.opportunities.alerts.PipelineEmailSettings;
import com.medcontracthub.opportunities.alerts.Reminders;
import com.medcontracthub.opportunities.alerts.WeeklyReports;
import com.medcontracthub.opportunities.api.PipelineEmailSchemas;
import com.medcontracthub.opportunities.reports.PipelineReports;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.jobs.JobWorkers;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Alerts by e-mail: every hour the scheduler enqueues that hour's saved-search digests, deadline reminders and weekly
 * reports (once in the cluster, however many JVMs run this), and this service's worker of the {@code alerts} queue
 * makes them ({@link Digests}, {@link Reminders}, {@link WeeklyReports}); users choose their pipeline e-mails here
 * ({@link PipelineEmailSettings}).
 */
public final class AlertsVerticle extends ServiceVerticle {

  static final List<Repeat> HOURLY = List.of(hourly("alerts-digest", DigestJob.TYPE),
      hourly("deadline-reminders", PipelineEmailJob.REMINDERS_TYPE),
      hourly("weekly-reports", PipelineEmailJob.REPORTS_TYPE));

  private JobWorkers workers;
  private RepeatScheduler scheduler;

  public AlertsVerticle(MchConfig config) {
    super(config);
  }

  private static Repeat hourly(String name, String type) {
    return new Repeat(name, "0 * * * *", ZoneOffset.UTC, DigestJob.QUEUE, NewJob.of(type, new JsonObject()));
  }

  @Override
  public Future<?> start() {
    PipelineReports reports = new PipelineReports(vertx, pool(), BlobStore.of(vertx, config));
    Map<String, JobHandler> alerts = Map.of(DigestJob.TYPE, new Digests(vertx, pool(), jobs(), config.alerts()),
        PipelineEmailJob.REMINDERS_TYPE, new Reminders(vertx, pool(), jobs(), config.alerts()),
        PipelineEmailJob.REPORTS_TYPE, new WeeklyReports(vertx, pool(), reports, jobs(), config.alerts()));
    PipelineEmailSettings emails = new PipelineEmailSettings(pool(), config.alerts());
    return Future.all(List.of(
            serve(vertx, Addresses.PIPELINE_EMAILS_GET, m -> emails.get(principal(m))),
            serve(vertx, Addresses.PIPELINE_EMAILS_SET,
                m -> emails.set(principal(m), body(m, PipelineEmailSettings.FIELDS))),
            serve(vertx, Addresses.PIPELINE_EMAILS_STOP, m -> emails.stop(principal(m))),
            serve(vertx, Addresses.PIPELINE_EMAILS_UNSUBSCRIBE, m -> emails.unsubscribe(m.body())),
            ServiceSchemas.declare(vertx, Addresses.PIPELINE_EMAILS_GET, PipelineEmailSchemas.GET),
            ServiceSchemas.declare(vertx, Addresses.PIPELINE_EMAILS_SET, PipelineEmailSchemas.SET),
            ServiceSchemas.declare(vertx, Addresses.PIPELINE_EMAILS_STOP, PipelineEmailSchemas.STOP)))
        .compose(served -> JobWorkers.start(vertx, config, jobs(), "opportunities", Map.of(DigestJob.QUEUE, alerts),
            Map.of()))
        .compose(started -> {
          workers = started;
          return RepeatScheduler.start(vertx, jobs(), HOURLY);
        })
        .onSuccess(started -> scheduler = started);
  }

  @Override
  public Future<?> stop() {
    if (scheduler != null) {
      scheduler.stop();
    }
    return (workers == null ? Future.succeededFuture() : workers.stop()).eventually(super::stop);
  }
}
