package com.medcontracthub.worker;

import com.medcontracthub.worker.jobs.JobTypes;
import static com.medcontracthub.platform.bus.Consumers.CREATED;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.jobs.QueueOptions;
import com.medcontracthub.jobs.Worker;
import com.medcontracthub.jobs.WorkerOptions;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.redis.RedisClients;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.worker.api.JobSchemas;
import com.medcontracthub.worker.api.JobsApi;
import com.medcontracthub.worker.mail.MailJob;
import com.medcontracthub.worker.mail.MailTemplates;
import com.medcontracthub.worker.metrics.JobReports;
import com.medcontracthub.worker.metrics.QueueGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Future;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The worker service: one worker per queue of the job types it runs (e-mail today), all sharing the queue in Redis
 * with the worker JVMs elsewhere, and the jobs API on the event bus.
 */
public final class WorkerVerticle extends ServiceVerticle {

  private static final long REDIS_TIMEOUT_MS = 5_000;

  private final List<Worker> workers = new ArrayList<>();
  private MailClient mail;
  private long gauges = -1;

  public WorkerVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    MchConfig.Mail smtp = config.mail();
    mail = MailClient.create(vertx, new MailConfig().setHostname(smtp.host()).setPort(smtp.port())
        .setUsername(smtp.username().orElse(null)).setPassword(smtp.password().orElse(null))
        .setStarttls(StartTLSOptions.valueOf(smtp.starttls().toUpperCase(Locale.ROOT)))
        .setConnectTimeout((int) smtp.timeoutMs()));
    return vertx.executeBlocking(MailTemplates::load).compose(templates -> {
      JobTypes types = new JobTypes(List.of(new JobTypes.JobType(EmailJob.TYPE, EmailJob.QUEUE, new MailJob(mail,
          templates, new RedisLine(redis(), REDIS_TIMEOUT_MS), config.jobs().prefix(), smtp.from(), smtp.timeoutMs()))));
      JobsApi api = new JobsApi(jobs(), types);
      return Future.all(List.of(
          startWorkers(types),
          serve(vertx, Addresses.JOBS_GET, api::get),
          serve(vertx, Addresses.JOBS_LIST, api::list),
          serve(vertx, Addresses.JOBS_CREATE, CREATED, api::create),
          ServiceSchemas.declare(vertx, Addresses.JOBS_GET, JobSchemas.GET),
          ServiceSchemas.declare(vertx, Addresses.JOBS_LIST, JobSchemas.LIST),
          ServiceSchemas.declare(vertx, Addresses.JOBS_CREATE, JobSchemas.CREATE)));
    });
  }

  private Future<?> startWorkers(JobTypes types) {
    MchConfig.Jobs settings = config.jobs();
    WorkerOptions options = WorkerOptions.DEFAULTS.withConcurrency(settings.concurrency())
        .withLease(Duration.ofMillis(settings.leaseMs())).withJobTimeout(Duration.ofMillis(settings.timeoutMs()));
    MeterRegistry registry = BackendRegistries.getDefaultNow() != null ? BackendRegistries.getDefaultNow()
        : Metrics.globalRegistry;
    JobReports reports = new JobReports(vertx, registry);
    gauges = QueueGauges.start(vertx, jobs(), types.queues(), registry);
    return Future.all(types.queues().stream().map(queue -> Worker.start(vertx, RedisClients.options(config),
        settings.prefix(), queue, QueueOptions.DEFAULTS, options, types.handlers(queue), reports)
        .onSuccess(workers::add)).toList());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(gauges);
    return Future.join(workers.stream().map(Worker::stop).toList())
        .eventually(() -> mail == null ? Future.succeededFuture() : mail.close())
        .eventually(super::stop);
  }
}
