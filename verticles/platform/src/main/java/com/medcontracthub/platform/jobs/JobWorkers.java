package com.medcontracthub.platform.jobs;

import com.medcontracthub.jobs.JobHandler;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.QueueOptions;
import com.medcontracthub.jobs.Worker;
import com.medcontracthub.jobs.WorkerOptions;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.metrics.Meters;
import com.medcontracthub.platform.redis.RedisClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A service's workers of the job queue, one per queue it runs, with the {@code jobs.*} settings, reporting what they do
 * ({@link JobReports}, {@link QueueGauges}). Started from a verticle; stopped with it.
 */
public final class JobWorkers {

  private final Vertx vertx;
  private final List<Worker> workers;
  private final long gauges;

  private JobWorkers(Vertx vertx, List<Worker> workers, long gauges) {
    this.vertx = vertx;
    this.workers = workers;
    this.gauges = gauges;
  }

  /**
   * @param source   the service, as its progress events name it
   * @param handlers the handlers of each queue's job types: queue → type → handler
   * @param options  the options of the queues that have other than the defaults
   */
  public static Future<JobWorkers> start(Vertx vertx, MchConfig config, JobQueue jobs, String source,
      Map<String, Map<String, JobHandler>> handlers, Map<String, QueueOptions> options) {
    MchConfig.Jobs settings = config.jobs();
    WorkerOptions workerOptions = WorkerOptions.DEFAULTS.withConcurrency(settings.concurrency())
        .withLease(Duration.ofMillis(settings.leaseMs())).withJobTimeout(Duration.ofMillis(settings.timeoutMs()));
    MeterRegistry registry = Meters.registry();
    JobReports reports = new JobReports(vertx, source, registry);
    reports.countFromZero(handlers.keySet());
    return Future.all(handlers.entrySet().stream().map(queue -> Worker.start(vertx, RedisClients.options(config),
            settings.prefix(), queue.getKey(), options.getOrDefault(queue.getKey(), QueueOptions.DEFAULTS), workerOptions,
            queue.getValue(), reports)).toList())
        .map(started -> new JobWorkers(vertx, started.list(),
            QueueGauges.start(vertx, jobs, handlers.keySet(), registry)));
  }

  public Future<Void> stop() {
    vertx.cancelTimer(gauges);
    return Future.join(workers.stream().map(Worker::stop).toList()).mapEmpty();
  }
}
