package com.medcontracthub.worker;

import static com.medcontracthub.platform.bus.Consumers.CREATED;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.jobs.QueueOptions;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.jobs.JobWorkers;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.resilience.Breaker;
import com.medcontracthub.platform.service.ServiceVerticle;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.worker.api.JobSchemas;
import com.medcontracthub.worker.api.JobsApi;
import com.medcontracthub.worker.jobs.JobTypes;
import com.medcontracthub.worker.mail.MailJob;
import com.medcontracthub.worker.mail.MailTemplates;
import io.vertx.core.Future;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The worker service: one worker per queue of the job types it runs (e-mail today), all sharing the queue in Redis
 * with the worker JVMs elsewhere, and the jobs API on the event bus.
 */
public final class WorkerVerticle extends ServiceVerticle {

  private static final long REDIS_TIMEOUT_MS = 5_000;
  static final String SMTP_LIMIT = "smtp";
  static final String SMTP_BREAKER = "smtp";

  private JobWorkers workers;
  private MailClient mail;
  private Breaker smtpBreaker;

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
    // a send is not retried inside its attempt (a timed-out one may have been accepted): the job queue retries it; a
    // message the server refused for good is an answer, not an outage (a server refusing every message is one)
    smtpBreaker = new Breaker(vertx, SMTP_BREAKER, "the mail server", config.resilience(),
        e -> !MailJob.refusedForGood(e));
    return vertx.executeBlocking(MailTemplates::load).compose(templates -> {
      JobTypes types = new JobTypes(List.of(new JobTypes.JobType(EmailJob.TYPE, EmailJob.QUEUE, new MailJob(mail,
          smtpBreaker, templates, BlobStore.of(vertx, config), new RedisLine(redis(), REDIS_TIMEOUT_MS),
          config.jobs().prefix(), smtp.from(), smtp.timeoutMs()))));
      JobsApi api = new JobsApi(jobs(), types);
      return Future.all(List.of(
          mailRate().compose(emailOptions -> JobWorkers.start(vertx, config, jobs(), "worker", types.handlersByQueue(),
              Map.of(EmailJob.QUEUE, emailOptions))).onSuccess(w -> workers = w),
          serve(vertx, Addresses.JOBS_GET, api::get),
          serve(vertx, Addresses.JOBS_LIST, api::list),
          serve(vertx, Addresses.JOBS_CREATE, CREATED, api::create),
          ServiceSchemas.declare(vertx, Addresses.JOBS_GET, JobSchemas.GET),
          ServiceSchemas.declare(vertx, Addresses.JOBS_LIST, JobSchemas.LIST),
          ServiceSchemas.declare(vertx, Addresses.JOBS_CREATE, JobSchemas.CREATE)));
    });
  }

  /** The e-mail queue's options: counting against the SMTP limit shared by every worker JVM, when there is one. */
  private Future<QueueOptions> mailRate() {
    int max = config.mail().maxPerSecond();
    return max == 0 ? Future.succeededFuture(QueueOptions.DEFAULTS)
        : jobs().defineSharedLimit(SMTP_LIMIT, max, 1_000).map(QueueOptions.DEFAULTS.withSharedLimit(SMTP_LIMIT));
  }

  @Override
  public Future<?> stop() {
    return (workers == null ? Future.succeededFuture() : workers.stop())
        .eventually(() -> {
          if (smtpBreaker != null) {
            smtpBreaker.close();
          }
          return mail == null ? Future.succeededFuture() : mail.close();
        })
        .eventually(super::stop);
  }
}
