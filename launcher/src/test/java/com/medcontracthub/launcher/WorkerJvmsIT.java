package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.jobs.BackfillJob;
import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.NewJob;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Worker JVMs sharing the job queue: one is SIGKILLed in the middle of a job (its SMTP server, a socket that accepts
 * and never answers, holds the job's attempt open), and another worker JVM runs the job to completion once the lease
 * of the dead one expires; the e-mail reaches a real SMTP server (GreenMail) once. And operators' {@code mch jobs}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Worker JVMs sharing the job queue")
class WorkerJvmsIT {

  private static final long LEASE_MS = 3_000;

  private final List<MchProcess> jvms = new ArrayList<>();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String admin = "admin-" + suffix + "@workers.example";
  private final String prefix = "it-" + suffix;
  private GreenMail smtp;
  private int[] ports;
  private String members;
  private MchProcess edge;
  private ServerSocket silent;

  @AfterEach
  void stop() throws Exception {
    jvms.forEach(MchProcess::kill);
    if (smtp != null) {
      smtp.stop();
    }
    if (silent != null) {
      silent.close();
    }
  }

  private MchProcess node(int clusterPort, String members, String... args) throws Exception {
    MchProcess mch = MchProcess.clusterNode(clusterPort, members, args);
    jvms.add(mch);
    return mch;
  }

  private MchProcess worker(int clusterPort, String members, int smtpPort, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--services=worker", "--set", "mail.port=" + smtpPort,
        "--set", "mail.starttls=disabled", "--set", "mail.timeout-ms=120000", "--set", "jobs.lease-ms=" + LEASE_MS,
        "--set", "jobs.prefix=" + prefix));
    args.addAll(List.of(more));
    return node(clusterPort, members, args.toArray(String[]::new));
  }

  private static JsonObject welcome(String to) {
    return new JsonObject().put("type", EmailJob.TYPE).put("data", new JsonObject()
        .put(EmailJob.TO, to).put(EmailJob.TEMPLATE, "welcome")
        .put(EmailJob.MODEL, new JsonObject().put("name", "Grace").put("invitedBy", "Ada").put("tenant", "Acme")
            .put("loginUrl", "http://localhost:8080/")));
  }

  private Future<Void> seed(Vertx vertx) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    Pool pool = PgPools.create(vertx, config);
    return new Accounts(vertx, new IdentityStore(pool)).createTenant("workers-" + suffix, admin, "secret", "test")
        .eventually(pool::close).mapEmpty();
  }

  /**
   * The tenant with its admin, GreenMail, and the cluster's first JVM (gateway and identity); {@code ports[1]} and
   * {@code ports[2]} are left for the worker JVMs.
   */
  private void startEdge(Vertx vertx) throws Exception {
    seed(vertx).await();
    smtp = new GreenMail(new ServerSetup(Ports.free("127.0.0.1"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    ports = new int[] {Ports.free("127.0.0.1"), Ports.free("127.0.0.1"), Ports.free("127.0.0.1")};
    members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    edge = node(ports[0], members, "--services=gateway,identity", "--set", "gateway.port=0");
  }

  /** The job as GET /api/v1/jobs/{id} shows it once it meets the condition, asked every 100 ms for up to 60 s. */
  private static Future<JsonObject> job(Vertx vertx, GatewayClient gateway, String token, String id,
      Predicate<JsonObject> condition, long deadline) {
    return gateway.get("/api/v1/jobs/" + id).bearerTokenAuthentication(token).send()
        .map(response -> response.statusCode() == 200 ? response.bodyAsJsonObject() : new JsonObject())
        .otherwise(new JsonObject())
        .compose(job -> condition.test(job) ? Future.succeededFuture(job)
            : System.currentTimeMillis() > deadline ? Future.failedFuture(new AssertionError("job " + id + " is " + job))
            : vertx.timer(100).compose(t -> job(vertx, gateway, token, id, condition, deadline)));
  }

  @Test
  @DisplayName("a job whose worker JVM is SIGKILLed mid-attempt runs again on another worker JVM and sends its e-mail once")
  @Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
  void recoversFromKilledWorker(Vertx vertx, VertxTestContext test) throws Exception {
    startEdge(vertx);
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    MchProcess doomed = worker(ports[1], members, silent.getLocalPort());
    GatewayClient gateway = new GatewayClient(vertx, edge.ready().get());
    doomed.ready().get();
    JsonObject email = welcome("grace-" + suffix + "@example.gov");
    gateway.login(admin, "secret").compose(token -> gateway.request(HttpMethod.POST, "/api/v1/jobs")
            .bearerTokenAuthentication(token).sendJsonObject(email)
            .compose(created -> {
              test.verify(() -> assertEquals(201, created.statusCode(), created.bodyAsString()));
              String id = created.bodyAsJsonObject().getString("id");
              return job(vertx, gateway, token, id, j -> "active".equals(j.getString("state")),
                  System.currentTimeMillis() + 60_000)
                  .compose(active -> {
                    doomed.kill();
                    try {
                      return Future.succeededFuture(worker(ports[2], members, smtp.getSmtp().getPort()));
                    } catch (Exception e) {
                      return Future.failedFuture(e);
                    }
                  })
                  .compose(rescuer -> job(vertx, gateway, token, id, j -> "completed".equals(j.getString("state")),
                      System.currentTimeMillis() + 60_000));
            }))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(1, smtp.getReceivedMessages().length, "the e-mail is sent once");
          assertEquals(2, done.getInteger("attempts"));
          String error = done.getJsonArray("errors").getJsonObject(0).getString("error");
          assertTrue(error.startsWith("stalled: its worker stopped renewing the lease"), error);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("two worker JVMs together send no more e-mails a second than the SMTP limit, each sending some")
  @Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
  void sharedMailLimit(Vertx vertx, VertxTestContext test) throws Exception {
    startEdge(vertx);
    // one e-mail at a time in each JVM, so neither can take a whole second's quota while the other waits
    String[] limits = {"--set", "mail.max-per-second=4", "--set", "jobs.concurrency=1"};
    MchProcess one = worker(ports[1], members, smtp.getSmtp().getPort(), limits);
    MchProcess two = worker(ports[2], members, smtp.getSmtp().getPort(), limits);
    GatewayClient gateway = new GatewayClient(vertx, edge.ready().get());
    one.ready().get();
    two.ready().get();
    gateway.login(admin, "secret").compose(token -> Future.all(IntStream.range(0, 12).mapToObj(i -> gateway
                .request(HttpMethod.POST, "/api/v1/jobs").bearerTokenAuthentication(token)
                .sendJsonObject(welcome("reader-" + i + "-" + suffix + "@example.gov"))).toList())
            .compose(created -> jobs(vertx, gateway, token, 12, System.currentTimeMillis() + 60_000)))
        .onComplete(test.succeeding(jobs -> test.verify(() -> {
          assertEquals(12, smtp.getReceivedMessages().length);
          List<Long> starts = jobs.stream().map(j -> Instant.parse(j.getString("startedAt")).toEpochMilli()).sorted()
              .toList();
          // windows of 1 s: 4 starts in each, so the 9th start comes 2 s or more after the 1st
          for (int i = 0; i + 8 < starts.size(); i++) {
            assertTrue(starts.get(i + 8) - starts.get(i) >= 1_000, "nine sends within a second: " + starts);
          }
          assertEquals(2, jobs.stream().map(j -> j.getString("worker").split("@")[0]).distinct().count(),
              "both JVMs sent: " + jobs);
          test.completeNow();
        })));
  }

  /** The tenant's jobs once {@code count} of them completed, asked every 200 ms until the deadline. */
  private static Future<List<JsonObject>> jobs(Vertx vertx, GatewayClient gateway, String token, int count,
      long deadline) {
    return gateway.get("/api/v1/jobs?state=completed&limit=100").bearerTokenAuthentication(token).send()
        .map(response -> response.bodyAsJsonObject().getJsonArray("jobs").stream().map(JsonObject.class::cast).toList())
        .compose(done -> done.size() >= count ? Future.succeededFuture(done)
            : System.currentTimeMillis() > deadline ? Future.failedFuture(new AssertionError(done.size() + " completed"))
            : vertx.timer(200).compose(t -> jobs(vertx, gateway, token, count, deadline)));
  }

  private MchProcess cli(String... args) throws Exception {
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put(ConfigKeys.envName(ConfigKeys.JOBS_PREFIX), prefix);
    MchProcess mch = MchProcess.start(env, args);
    jvms.add(mch);
    mch.awaitExit(60);
    return mch;
  }

  @Test
  @DisplayName("operators list queues and jobs, show one, pause a queue and re-drive, with ./mch jobs")
  void operatorCommands(Vertx vertx) throws Exception {
    Redis redis = Redis.createClient(vertx, TestInfrastructure.get().settings().get(ConfigKeys.REDIS_URI));
    JobQueue jobs = new JobQueue(new RedisLine(redis, 5_000), prefix);
    jobs.enqueue("reports", NewJob.of("report.weekly", new JsonObject().put("tenant", "acme")).withId("weekly-1"))
        .eventually(redis::close).await();

    MchProcess paused = cli("jobs", "pause", "reports");
    assertEquals(0, paused.awaitExit(1), paused.stderr());
    assertEquals("reports paused", paused.stdout().strip());
    MchProcess queues = cli("jobs", "list");
    assertTrue(queues.stdout().matches("(?s).*reports\\s+1\\s+0\\s+0\\s+0\\s+0\\s+0\\s+paused.*"), queues.stdout());
    MchProcess waiting = cli("jobs", "list", "--queue", "reports", "--state", "waiting");
    assertTrue(waiting.stdout().contains("weekly-1"), waiting.stdout());
    MchProcess shown = cli("jobs", "show", "weekly-1");
    assertEquals("waiting", new JsonObject(shown.stdout()).getString("state"), shown.stdout());
    MchProcess redriven = cli("jobs", "redrive", "--queue", "reports");
    assertEquals("0 jobs of reports waiting to run again", redriven.stdout().strip());
    MchProcess badState = cli("jobs", "list", "--queue", "reports", "--state", "sleeping");
    assertEquals(1, badState.awaitExit(1));
    assertTrue(badState.stderr().contains("mch: unknown job state 'sleeping'; one of: waiting, prioritized, delayed, "
        + "active, completed, failed, dead"), badState.stderr());
  }

  @Test
  @DisplayName("an operator lists the backfills and runs one with ./mch backfill --follow: an opportunities JVM runs it, "
      + "the command prints its progress and what it did")
  void backfill(Vertx vertx) throws Exception {
    seed(vertx).await();
    int port = Ports.free("127.0.0.1");
    MchProcess opportunities = node(port, "127.0.0.1:" + port, "--services=opportunities", "--set", "jobs.prefix=" + prefix);
    opportunities.ready().get();

    MchProcess seeded = cli("seed", "--count", "20");
    assertEquals(0, seeded.awaitExit(1), seeded.stderr());

    MchProcess listed = cli("backfill");
    assertEquals(0, listed.awaitExit(1), listed.stderr());
    assertTrue(listed.stdout().startsWith(BackfillJob.PIPELINE_REPUBLISH + "\n  publish every pipeline move again"),
        listed.stdout());
    assertTrue(listed.stdout().contains("\n" + BackfillJob.OPPORTUNITIES_REPUBLISH + "\n  publish every opportunity "
        + "again"), listed.stdout());
    assertTrue(listed.stdout().contains("\nkafka\n  every domain event published to Kafka again: "
        + "opportunities.republish, then opportunities.pipeline-republish (with --follow, one after the other)"),
        listed.stdout());
    assertTrue(listed.stdout().contains("\nvectors\n  the AI index rebuilt: every opportunity published again, so the "
        + "AI service embeds and indexes each its index lacks or holds otherwise: opportunities.republish"),
        listed.stdout());
    MchProcess unknown = cli("backfill", "opportunities.reindex");
    assertEquals(1, unknown.awaitExit(1));
    assertTrue(unknown.stderr().contains("mch: no backfill 'opportunities.reindex'; there are: "
        + BackfillJob.PIPELINE_REPUBLISH + ", " + BackfillJob.OPPORTUNITIES_REPUBLISH + ", and analytics, kafka, vectors"),
        unknown.stderr());
    MchProcess typo = cli("backfill", BackfillJob.OPPORTUNITIES_REPUBLISH, "--param", "sinse=2000-01-01");
    assertEquals(1, typo.awaitExit(1));
    assertTrue(typo.stderr().contains("mch: --param: opportunities.republish takes [since], not [sinse]"), typo.stderr());
    MchProcess followed = cli("backfill", BackfillJob.OPPORTUNITIES_REPUBLISH, "--param", "since=2000-01-01",
        "--batch-size", "7", "--follow");
    assertEquals(0, followed.awaitExit(1), followed.stdout() + followed.stderr());
    List<String> lines = followed.stdout().strip().lines().map(String::strip).toList();
    assertTrue(lines.get(lines.size() - 2).matches("100% \\[#{20}] \\{\"cursor\":\"[0-9a-z-]+\",\"done\":\\d+,\"total\":\\d+}"),
        followed.stdout());
    Matcher done = Pattern.compile("done: \\{\"items\":(\\d+)}").matcher(lines.get(lines.size() - 1));
    assertTrue(done.matches() && Integer.parseInt(done.group(1)) >= 20, "the 20 seeded and any other: " + followed.stdout());

    MchProcess everything = cli("backfill", "kafka", "--follow");
    assertEquals(0, everything.awaitExit(1), everything.stdout() + everything.stderr());
    List<String> both = everything.stdout().strip().lines().map(String::strip).toList();
    assertEquals(BackfillJob.OPPORTUNITIES_REPUBLISH + ":", both.get(0), everything.stdout());
    assertTrue(both.contains(BackfillJob.PIPELINE_REPUBLISH + ":"), everything.stdout());
    assertEquals(2, both.stream().filter(line -> line.startsWith("done: {\"items\":")).count(), everything.stdout());
  }
}
