package com.medcontracthub.platform.jobs;

import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.QueueCounts;
import com.medcontracthub.platform.metrics.HeldGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many jobs each queue holds, as gauges read from Redis every few seconds ({@code mch_worker_queue_jobs{queue,
 * state}} for waiting, delayed, active and dead): the backlog an operator alerts on, the same from every worker JVM.
 * Not {@code mch_worker_jobs}: Prometheus gives the counter {@code mch_worker_jobs_total} that name, and a registry
 * scrapes only one of two meters sharing it.
 */
public final class QueueGauges {

  static final long EVERY_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);
  private static final Map<String, ToLongFunction<QueueCounts>> STATES = Map.of("waiting", QueueCounts::waiting,
      "delayed", QueueCounts::delayed, "active", QueueCounts::active, "dead", QueueCounts::dead);

  private QueueGauges() {
  }

  /** Registers the gauges of the queues and reads them now and every {@value #EVERY_MS} ms; answers the timer. */
  public static long start(Vertx vertx, JobQueue jobs, Iterable<String> queues, MeterRegistry registry) {
    Map<String, HeldGauge> gauges = new HashMap<>();
    queues.forEach(queue -> STATES.keySet().forEach(state -> gauges.put(queue + "/" + state, HeldGauge.of(registry,
        "mch_worker_queue_jobs", "Jobs a queue holds, by state", Tags.of("queue", queue, "state", state), 0))));
    read(jobs, queues, gauges);
    return vertx.setPeriodic(EVERY_MS, id -> read(jobs, queues, gauges));
  }

  private static void read(JobQueue jobs, Iterable<String> queues, Map<String, HeldGauge> gauges) {
    queues.forEach(queue -> jobs.counts(queue)
        .onSuccess(counts -> STATES.forEach((state, value) -> gauges.get(queue + "/" + state)
            .set(value.applyAsLong(counts))))
        .onFailure(e -> LOG.debug("queue {}: counts not read: {}", queue, e.getMessage())));
  }
}
