package com.medcontracthub.analytics.ingest;

import com.medcontracthub.analytics.store.AnalyticsStore;
import com.medcontracthub.platform.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The store's batch writes, measured: {@code mch_analytics_batch_write_seconds{outcome}} (stored or failed) and
 * {@code mch_analytics_events_written_total}, the events of the stored batches (an event delivered again is written
 * again and collapses in the store). Both count from zero at start, so a rate reads from the first scrape.
 */
public final class BatchWrites {

  private final AnalyticsStore store;
  private final Timer stored = timer("stored");
  private final Timer failed = timer("failed");
  private final Counter events = Counter.builder("mch_analytics_events_written")
      .description("Events in the batches written to the analytics store").register(Meters.registry());

  public BatchWrites(AnalyticsStore store) {
    this.store = store;
  }

  public Future<Void> write(List<EventRow> rows) {
    long started = System.nanoTime();
    return store.insert(rows).andThen(ar -> {
      (ar.succeeded() ? stored : failed).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      if (ar.succeeded()) {
        events.increment(rows.size());
      }
    });
  }

  private static Timer timer(String outcome) {
    return Timer.builder("mch_analytics_batch_write").description("A batch of events written to the analytics store")
        .tag("outcome", outcome).serviceLevelObjectives(Meters.LATENCY_BUCKETS).register(Meters.registry());
  }
}
