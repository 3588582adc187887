package com.medcontracthub.platform.jobs;

import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.QueueCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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

  private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

  private QueueGauges() {
  }

  /** Registers the gauges of the queues and reads them now and every {@value #EVERY_MS} ms; answers the timer. */
  public static long start(Vertx vertx, JobQueue jobs, Iterable<String> queues, MeterRegistry registry) {
    QueueGauges gauges = new QueueGauges();
    queues.forEach(queue -> STATES.keySet().forEach(state -> Gauge.builder("mch_worker_queue_jobs",
            gauges.values.computeIfAbsent(queue + "/" + state, k -> new AtomicLong()), AtomicLong::get)
        .tag("queue", queue).tag("state", state).register(registry)));
    gauges.read(jobs, queues);
    return vertx.setPeriodic(EVERY_MS, id -> gauges.read(jobs, queues));
  }

  private void read(JobQueue jobs, Iterable<String> queues) {
    queues.forEach(queue -> jobs.counts(queue)
        .onSuccess(counts -> STATES.forEach((state, value) -> values.get(queue + "/" + state)
            .set(value.applyAsLong(counts))))
        .onFailure(e -> LOG.debug("queue {}: counts not read: {}", queue, e.getMessage())));
  }
}
