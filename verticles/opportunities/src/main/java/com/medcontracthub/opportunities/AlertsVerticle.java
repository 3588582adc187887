package com.medcontracthub.opportunities;

import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.jobs.DigestJob;
import com.medcontracthub.codecs.jobs.ReminderJob;
import com.medcontracthub.jobs.JobHandler;
import com.medcontracthub.jobs.NewJob;
import com.medcontracthub.jobs.Repeat;
import com.medcontracthub.jobs.RepeatScheduler;
import com.medcontracthub.opportunities.alerts.Digests;
import com.medcontracthub.opportunities.alerts.ReminderSettings;
import com.medcontracthub.opportunities.alerts.Reminders;
import com.medcontracthub.opportunities.alerts.TimeZones;
import com.medcontracthub.opportunities.api.ReminderSchemas;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.jobs.JobWorkers;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alerts by e-mail: every hour the scheduler enqueues that hour's saved-search digests and deadline reminders (once in
 * the cluster, however many JVMs run this), and this service's worker of the {@code alerts} queue makes them
 * ({@link Digests}, {@link Reminders}); users turn their reminders on and off here ({@link ReminderSettings}).
 */
public final class AlertsVerticle extends ServiceVerticle {

  static final Repeat HOURLY = new Repeat("alerts-digest", "0 * * * *", ZoneOffset.UTC, DigestJob.QUEUE,
      NewJob.of(DigestJob.TYPE, new JsonObject()));
  static final Repeat REMINDERS = new Repeat("deadline-reminders", "0 * * * *", ZoneOffset.UTC, ReminderJob.QUEUE,
      NewJob.of(ReminderJob.TYPE, new JsonObject()));
  private static final Set<String> START_FIELDS = Set.of(TimeZones.FIELD);

  private JobWorkers workers;
  private RepeatScheduler scheduler;

  public AlertsVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    Map<String, JobHandler> alerts = Map.of(DigestJob.TYPE, new Digests(pool(), jobs(), config.alerts()),
        ReminderJob.TYPE, new Reminders(pool(), jobs(), config.alerts()));
    ReminderSettings reminders = new ReminderSettings(pool(), config.alerts());
    return Future.all(List.of(
            serve(vertx, Addresses.REMINDERS_GET, m -> reminders.get(principal(m))),
            serve(vertx, Addresses.REMINDERS_START, m -> reminders.start(principal(m), body(m, START_FIELDS))),
            serve(vertx, Addresses.REMINDERS_STOP, m -> reminders.stop(principal(m))),
            serve(vertx, Addresses.REMINDERS_UNSUBSCRIBE, m -> reminders.unsubscribe(m.body())),
            ServiceSchemas.declare(vertx, Addresses.REMINDERS_GET, ReminderSchemas.GET),
            ServiceSchemas.declare(vertx, Addresses.REMINDERS_START, ReminderSchemas.START),
            ServiceSchemas.declare(vertx, Addresses.REMINDERS_STOP, ReminderSchemas.STOP)))
        .compose(served -> JobWorkers.start(vertx, config, jobs(), "opportunities", Map.of(DigestJob.QUEUE, alerts),
            Map.of()))
        .compose(started -> {
          workers = started;
          return RepeatScheduler.start(vertx, jobs(), List.of(HOURLY, REMINDERS));
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
