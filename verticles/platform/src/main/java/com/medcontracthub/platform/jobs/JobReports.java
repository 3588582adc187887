package com.medcontracthub.platform.jobs;

import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.jobs.JobListener;
import com.medcontracthub.jobs.TakenJob;
import com.medcontracthub.platform.bus.Consumers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a service's job workers do, told to operators and users: metrics per queue ({@code mch_worker_jobs_total} by outcome,
 * {@code mch_worker_job_wait_seconds} from due to start, {@code mch_worker_job_run_seconds}), and, for a job a user
 * started, its progress and end as {@code JobProgressed} events (the realtime bridge tells that user). Runs on the
 * worker's context.
 */
public final class JobReports implements JobListener {

  private final Vertx vertx;
  private final String source;
  private final MeterRegistry registry;
  private final Map<String, JobProgress> progress = new HashMap<>();

  /** @param source the service running the jobs */
  public JobReports(Vertx vertx, String source, MeterRegistry registry) {
    this.vertx = vertx;
    this.source = source;
    this.registry = registry;
  }

  /**
   * The queues' ending outcomes and times from zero: a rate reads 0 rather than nothing before the first job of a
   * queue.
   */
  void countFromZero(Iterable<String> queues) {
    queues.forEach(queue -> {
      List.of(COMPLETED, FAILED, DEAD).forEach(outcome -> jobs(queue, outcome));
      waited(queue);
      ran(queue);
    });
  }

  @Override
  public void started(TakenJob job, long waitedMs) {
    waited(job.queue()).record(Duration.ofMillis(waitedMs));
    Principal startedBy = startedBy(job);
    if (startedBy != null) {
      JobProgress reporter = new JobProgress(vertx, source, job.type(), job.id(), startedBy, null, null);
      progress.put(job.id(), reporter);
      reporter.started();
    }
  }

  @Override
  public void progressed(TakenJob job, int percent) {
    JobProgress reporter = progress.get(job.id());
    if (reporter != null) {
      reporter.running(percent, 0);
    }
  }

  @Override
  public void ended(TakenJob job, String outcome, String error, long ranMs) {
    jobs(job.queue(), outcome).increment();
    ran(job.queue()).record(Duration.ofMillis(ranMs));
    JobProgress reporter = progress.remove(job.id());
    if (reporter == null) {
      return;
    }
    switch (outcome) {
      case COMPLETED -> reporter.finished(100, 0, new JsonObject());
      case "retry", "continued", "postponed" -> progress.put(job.id(), reporter);
      default -> reporter.failed(0, 0, outcome + ": " + error);
    }
  }

  private Timer waited(String queue) {
    return Timer.builder("mch_worker_job_wait_seconds").tag("queue", queue).register(registry);
  }

  private Timer ran(String queue) {
    return Timer.builder("mch_worker_job_run_seconds").tag("queue", queue).register(registry);
  }

  private Counter jobs(String queue, String outcome) {
    return Counter.builder("mch_worker_jobs_total").tag("queue", queue).tag("outcome", outcome).register(registry);
  }

  /** The user who enqueued the job, when a user did (the role is not kept with a job, nor needed to hear of it). */
  private static Principal startedBy(TakenJob job) {
    UUID tenant = Consumers.uuidOrNull(job.tenant());
    UUID user = Consumers.uuidOrNull(job.user());
    return tenant == null || user == null ? null : new Principal(user, tenant, "member", null);
  }
}
