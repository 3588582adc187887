package com.medcontracthub.opportunities;

import com.medcontracthub.codecs.jobs.DigestJob;
import com.medcontracthub.jobs.NewJob;
import com.medcontracthub.jobs.Repeat;
import com.medcontracthub.jobs.RepeatScheduler;
import com.medcontracthub.opportunities.alerts.Digests;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.jobs.JobWorkers;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Saved-search alerts by e-mail: every hour the scheduler enqueues that hour's digests (once in the cluster, however
 * many JVMs run this), and this service's worker of the {@code alerts} queue makes them ({@link Digests}).
 */
public final class AlertsVerticle extends ServiceVerticle {

  static final Repeat HOURLY = new Repeat("alerts-digest", "0 * * * *", ZoneOffset.UTC, DigestJob.QUEUE,
      NewJob.of(DigestJob.TYPE, new JsonObject()));

  private JobWorkers workers;
  private RepeatScheduler scheduler;

  public AlertsVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    Digests digests = new Digests(pool(), jobs(), config.alerts());
    return JobWorkers.start(vertx, config, jobs(), "opportunities", Map.of(DigestJob.QUEUE, Map.of(DigestJob.TYPE, digests)),
            Map.of())
        .compose(started -> {
          workers = started;
          return RepeatScheduler.start(vertx, jobs(), List.of(HOURLY));
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
