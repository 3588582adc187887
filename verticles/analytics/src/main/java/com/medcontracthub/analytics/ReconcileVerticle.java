package com.medcontracthub.analytics;

import com.medcontracthub.analytics.reconcile.DriftGauges;
import com.medcontracthub.analytics.reconcile.Reconciler;
import com.medcontracthub.analytics.reconcile.StoredCounts;
import com.medcontracthub.codecs.jobs.ReconcileJob;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.jobs.JobWorkers;
import com.medcontracthub.platform.metrics.Meters;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles the stores ({@link Reconciler}) every {@code analytics.reconcile-every-ms}, and whenever a
 * {@link ReconcileJob} asks ({@code mch reconcile}): its result is the job's.
 */
public final class ReconcileVerticle extends ServiceVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(ReconcileVerticle.class);

  private static final long FIRST_MS = 60_000;

  private JobWorkers workers;
  private long timer = -1;

  public ReconcileVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    MchConfig.Analytics analytics = config.analytics();
    // a store's counts may take as long as the analytics store's scan of every event
    DeliveryOptions bounded = new DeliveryOptions().setSendTimeout(StoredCounts.TIMEOUT_MS + analytics.timeoutMs());
    Reconciler reconciler = new Reconciler(address -> vertx.eventBus().<JsonObject>request(address, new JsonObject(),
        bounded).map(reply -> reply.body()), new DriftGauges(Meters.registry()));
    if (analytics.reconcileEveryMs() > 0) {
      // the first soon after start, so the gauges have values before the first period is over
      timer = vertx.setPeriodic(Math.min(FIRST_MS, analytics.reconcileEveryMs()), analytics.reconcileEveryMs(),
          id -> reconciler.run()
              .onSuccess(result -> Reconciler.concerns(result).ifPresent(concerns -> LOG.warn(
                  "analytics: reconciling the stores: {} (mch reconcile shows the days)", concerns)))
              .onFailure(e -> LOG.warn("analytics: the stores could not be reconciled: {}", e.getMessage())));
    }
    return JobWorkers.start(vertx, config, jobs(), MchConfig.Analytics.SERVICE, Map.of(ReconcileJob.QUEUE,
            Map.of(ReconcileJob.TYPE, job -> reconciler.run())), Map.of())
        .onSuccess(started -> workers = started);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return (workers == null ? Future.succeededFuture() : workers.stop()).eventually(super::stop);
  }
}
