package com.medcontracthub.opportunities.alerts;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.identity.IdentityVerticle;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.jobs.Job;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.JobState;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.redis.RedisClients;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.testkit.TestInfrastructure;
import com.medcontracthub.worker.WorkerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.MimeMessage;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the alert tests share, against the embedded PostgreSQL and Redis: the configuration (alerts at 07:00, links
 * under https://mch.example, a job queue of the test's own), a pool, the queue, the identity service (alerts go only to
 * its users) and the data they write; and the worker sending to a GreenMail server, for the tests that read the
 * e-mails.
 */
final class AlertsFixture {

  /** A user of the identity service. */
  record User(UUID id, UUID tenant) {
  }

  final String suffix = UUID.randomUUID().toString().substring(0, 8);
  final MchConfig config;
  final Pool pool;
  final JobQueue jobs;
  private final Redis redis;
  private final IdentityStore identities;
  private final Accounts accounts;

  AlertsFixture(Vertx vertx) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    String prefix = "alerts-" + UUID.randomUUID();
    config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await().with(Map.of(ConfigKeys.ALERTS_HOUR, "7", ConfigKeys.ALERTS_BASE_URL, "https://mch.example",
            ConfigKeys.JOBS_PREFIX, prefix), "test");
    pool = PgPools.create(vertx, config);
    redis = RedisClients.create(vertx, config);
    jobs = new JobQueue(new RedisLine(redis, 5_000), prefix);
    identities = new IdentityStore(pool);
    accounts = new Accounts(vertx, identities);
    vertx.deployVerticle(new IdentityVerticle(config)).await();
  }

  /** A new tenant's admin, {@code name}@example.gov. */
  Future<User> admin(String name) {
    String email = name + "-" + suffix + "@example.gov";
    return accounts.createTenant(name + "-" + suffix, email, "secret", "test")
        .compose(tenant -> identities.activeByEmail(email))
        .map(found -> new User(found.orElseThrow().id(), found.orElseThrow().tenantId()));
  }

  /** Another user of the tenant, {@code name}@example.gov. */
  Future<User> member(UUID tenant, String name) {
    return accounts.addUser(tenant, name + "-" + suffix + "@example.gov", "member", "secret-" + suffix, "test")
        .map(id -> new User(id, tenant));
  }

  /** The user removed from its tenant, as its admin would. */
  Future<Void> remove(User user) {
    return identities.remove(user.tenant(), user.id(), "test").mapEmpty();
  }

  Future<Void> close() {
    return pool.close().eventually(redis::close);
  }

  /** An opportunity named {@code name}, due at {@code deadline}, in {@code tenant}'s pipeline at {@code stage}. */
  Future<Void> inPipeline(UUID tenant, String name, ZonedDateTime deadline, String stage) {
    String noticeId = name + "-" + suffix;
    return pool.preparedQuery("""
            INSERT INTO opportunities.opportunities (notice_id, title, posted_date, active, content_hash, correlation_id,
              response_deadline, full_parent_path_name) VALUES ($1, $2, '2026-11-01', true, 'test', 'test', $3,
              'VETERANS AFFAIRS, DEPARTMENT OF.VETERANS AFFAIRS, DEPARTMENT OF.NAC')""")
        .execute(Tuple.of(noticeId, "Exam gloves " + name, deadline.toOffsetDateTime()))
        .compose(v -> pool.preparedQuery("""
            INSERT INTO opportunities.pipeline_entries (tenant_id, notice_id, stage, version, correlation_id)
            VALUES ($1, $2, $3, 1, 'test')""").execute(Tuple.of(tenant, noticeId, stage)))
        .mapEmpty();
  }

  /** A user of {@code tenant} with their pipeline e-mails set {@code since} then, the unsubscribe secret 'secret'. */
  Future<Void> pipelineEmails(UUID user, UUID tenant, String email, String timeZone, boolean reminders,
      boolean report, ZonedDateTime since) {
    return pool.preparedQuery("""
            INSERT INTO opportunities.pipeline_emails (user_id, tenant_id, email, time_zone, deadline_reminders,
              weekly_report, unsubscribe_token, created_at, report_since)
            VALUES ($1, $2, $3, $4, $5, $6, 'secret', $7, $7)""")
        .execute(Tuple.from(new Object[] {user, tenant, email, timeZone, reminders, report, since.toOffsetDateTime()}))
        .mapEmpty();
  }

  /** The e-mail jobs waiting whose ids start with {@code prefix}. */
  Future<List<Job>> emails(String prefix) {
    return jobs.list(EmailJob.QUEUE, JobState.WAITING, 100)
        .map(waiting -> waiting.stream().filter(job -> job.id().startsWith(prefix)).toList());
  }

  /**
   * Runs {@code action} with the worker deployed against a GreenMail server, then the e-mails it received in 10 s
   * (waiting for {@code count}).
   */
  Future<MimeMessage[]> mailed(Vertx vertx, int count, Supplier<Future<?>> action) {
    GreenMail smtp = new GreenMail(new ServerSetup(Ports.free("127.0.0.1"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    MchConfig mail = config.with(Map.of(ConfigKeys.MAIL_PORT, String.valueOf(smtp.getSmtp().getPort()),
        ConfigKeys.MAIL_STARTTLS, "disabled"), "test");
    return vertx.deployVerticle(new WorkerVerticle(mail))
        .compose(deployed -> action.get().compose(done -> vertx.executeBlocking(() -> {
          smtp.waitForIncomingEmail(10_000, count);
          return smtp.getReceivedMessages();
        })))
        .eventually(() -> vertx.executeBlocking(() -> {
          smtp.stop();
          return null;
        }));
  }
}
