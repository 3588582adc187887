package com.medcontracthub.worker;

import static com.medcontracthub.testkit.ServiceCalls.call;
import static com.medcontracthub.testkit.ServiceCalls.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.events.JobProgressed;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.metrics.Meters;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker service against the embedded Redis and a real SMTP server (GreenMail), through its event-bus API. */
@ExtendWith(VertxExtension.class)
@DisplayName("Worker")
class WorkerTest {

  private final String prefix = "test-" + UUID.randomUUID();
  private final UUID tenant = UUID.randomUUID();
  private final JsonObject admin = new Principal(UUID.randomUUID(), tenant, "admin", "ada@example.gov").toJson();
  private final JsonObject member = new Principal(UUID.randomUUID(), tenant, "member", "max@example.gov").toJson();
  private final JsonObject stranger = new Principal(UUID.randomUUID(), UUID.randomUUID(), "admin", "eve@example.gov")
      .toJson();
  private final List<JobProgressed> reports = new CopyOnWriteArrayList<>();
  private static final PrometheusMeterRegistry METRICS = Meters.newPrometheusRegistry();
  private static final long BREAKER_RESET_MS = 3_000;
  private GreenMail smtp;
  private int smtpPort;

  @BeforeAll
  static void metrics() {
    Metrics.globalRegistry.add(METRICS);
  }

  @AfterAll
  static void noMetrics() {
    Metrics.globalRegistry.remove(METRICS);
  }

  private static double completedEmails() {
    Counter counter = METRICS.find("mch_worker_jobs_total").tags("queue", EmailJob.QUEUE, "outcome", "completed")
        .counter();
    return counter == null ? 0 : counter.count();
  }

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext test) throws IOException {
    smtpPort = freePort();
    startSmtp();
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put(ConfigKeys.envName(ConfigKeys.JOBS_PREFIX), prefix);
    env.put(ConfigKeys.envName(ConfigKeys.MAIL_PORT), String.valueOf(smtpPort));
    env.put(ConfigKeys.envName(ConfigKeys.RESILIENCE_BREAKER_RESET_MS), String.valueOf(BREAKER_RESET_MS));
    env.put(ConfigKeys.envName(ConfigKeys.MAIL_STARTTLS), "disabled");
    vertx.eventBus().<JobProgressed>consumer(Addresses.JOB_EVENTS, m -> {
      reports.add(m.body());
      m.reply(null);
    });
    ConfigLoader.load(vertx, "cluster", Optional.empty(), env, Map.of())
        .compose(config -> vertx.deployVerticle(new WorkerVerticle(config)))
        .onComplete(test.succeedingThenComplete());
  }

  private void startSmtp() {
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  private static double smtpCircuit() {
    Gauge state = METRICS.find("mch_circuit_breaker_state").tags("breaker", WorkerVerticle.SMTP_BREAKER).gauge();
    return state == null ? -1 : state.value();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  /** A job's first error, asked every 20 ms for up to 10 s. */
  private static Future<JsonObject> firstError(Vertx vertx, JsonObject principal, String id) {
    return Eventually.untilTrue(vertx, () -> get(vertx, principal, id).map(job -> !job.getJsonArray("errors").isEmpty()),
        10_000, "an error of job " + id).compose(v -> get(vertx, principal, id))
        .map(job -> job.getJsonArray("errors").getJsonObject(0));
  }

  private static JsonObject welcome(String to) {
    return new JsonObject().put("type", EmailJob.TYPE).put("data", new JsonObject().put(EmailJob.TO, to)
        .put(EmailJob.TEMPLATE, "welcome").put(EmailJob.MODEL, new JsonObject().put("name", "Grace")
            .put("invitedBy", "Ada").put("tenant", "Acme Medical").put("loginUrl", "http://localhost:8080/")));
  }

  private static Future<JsonObject> create(Vertx vertx, JsonObject principal, JsonObject body) {
    return call(vertx, Addresses.JOBS_CREATE, principal, new JsonObject().put("body", body));
  }

  private static Future<JsonObject> get(Vertx vertx, JsonObject principal, String id) {
    return call(vertx, Addresses.JOBS_GET, principal, new JsonObject().put("path", new JsonObject().put("id", id)));
  }

  /** The job as the API shows it once it is in the state, asked every 20 ms for up to 10 s. */
  private static Future<JsonObject> when(Vertx vertx, JsonObject principal, String id, String state, long deadline) {
    return get(vertx, principal, id).compose(job -> job.getString("state").equals(state) ? Future.succeededFuture(job)
        : System.currentTimeMillis() > deadline ? Future.failedFuture(new AssertionError("not " + state + ": " + job))
        : vertx.timer(20).compose(t -> when(vertx, principal, id, state, deadline)));
  }

  private static Future<JsonObject> when(Vertx vertx, JsonObject principal, String id, String state) {
    return when(vertx, principal, id, state, System.currentTimeMillis() + 10_000);
  }

  @Test
  @DisplayName("an admin's e-mail job is sent through SMTP from its template; the job shows completed, its user "
      + "hears it start and finish, and the queue's metrics count it")
  void sendsMail(Vertx vertx, VertxTestContext test) {
    double completedBefore = completedEmails();
    create(vertx, admin, welcome("grace@example.gov"))
        .compose(created -> {
          test.verify(() -> {
            assertEquals(EmailJob.QUEUE, created.getString("queue"));
            assertEquals("/api/v1/jobs/" + created.getString("id"), created.getString("status"));
          });
          return when(vertx, member, created.getString("id"), "completed");
        })
        .onComplete(test.succeeding(job -> test.verify(() -> {
          MimeMessage[] received = smtp.getReceivedMessages();
          assertEquals(1, received.length);
          MimeMessage mail = received[0];
          assertEquals("Welcome to MedContractHub, Grace", mail.getSubject());
          assertEquals("grace@example.gov", mail.getAllRecipients()[0].toString());
          String text = ((String) mail.getContent()).replace("\r\n", "\n");
          assertTrue(text.contains("Ada has added you to the Acme Medical team"), text);
          assertEquals("<" + Base64.getUrlEncoder().withoutPadding().encodeToString(job.getString("id")
              .getBytes(StandardCharsets.UTF_8)) + "@medcontracthub>", mail.getMessageID());
          assertEquals(false, job.getJsonObject("result").getBoolean("sentBefore"));
          assertEquals(List.of("running", "finished"), reports.stream()
              .filter(r -> r.getJobId().equals(job.getString("id"))).map(JobProgressed::getState).toList());
          assertEquals(completedBefore + 1, completedEmails(), "mch_worker_jobs_total counts the job");
          assertTrue(METRICS.scrape().contains("mch_worker_queue_jobs{queue=\"email\",state=\"waiting\"}"),
              "the queue's jobs are scraped beside mch_worker_jobs_total");
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("while the mail server is down its circuit opens and an e-mail is postponed without trying it, the "
      + "attempt not counted; once the server is back the circuit closes and every e-mail is sent, once")
  void mailServerCircuit(Vertx vertx, VertxTestContext test) {
    smtp.stop();
    List<String> to = IntStream.range(0, 6).mapToObj(i -> "outage-" + i + "@example.gov").toList();
    List<String> ids = new CopyOnWriteArrayList<>();
    Future.all(to.subList(0, 5).stream().map(address -> create(vertx, admin, welcome(address))
            .map(created -> ids.add(created.getString("id")))).toList())
        .compose(created -> Eventually.until(vertx, () -> smtpCircuit() == 2, 10_000, "the SMTP circuit open"))
        .compose(open -> create(vertx, admin, welcome(to.get(5))))
        .compose(postponed -> {
          ids.add(postponed.getString("id"));
          return firstError(vertx, admin, postponed.getString("id")).compose(error -> get(vertx, admin,
              postponed.getString("id")).map(job -> job.put("firstError", error)));
        })
        .compose(postponed -> {
          test.verify(() -> {
            assertEquals("the mail server failed too often: not called for up to " + BREAKER_RESET_MS
                + " ms (circuit open)", postponed.getJsonObject("firstError").getString("error"));
            assertEquals(0, postponed.getInteger("attempts"), "a postponed attempt is not counted");
          });
          startSmtp();
          return Future.all(ids.stream().map(id -> when(vertx, admin, id, "completed",
              System.currentTimeMillis() + 30_000)).toList());
        })
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertEquals(0, smtpCircuit(), "closed once an e-mail got through");
          assertEquals(to, Arrays.stream(smtp.getReceivedMessages()).map(WorkerTest::recipient).sorted().toList(),
              "every e-mail of the outage sent, once");
          test.completeNow();
        })));
  }

  private static String recipient(MimeMessage mail) {
    try {
      return mail.getAllRecipients()[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("an e-mail already accepted by the SMTP server is not sent again when its job runs again")
  void sendsOnce(Vertx vertx, VertxTestContext test) {
    String id = tenant + ":invite-grace";
    Redis redis = Redis.createClient(vertx, TestInfrastructure.get().settings().get(ConfigKeys.REDIS_URI));
    redis.send(Request.cmd(Command.SET).arg(prefix + ":sent:" + id).arg("sent"))
        .compose(marked -> create(vertx, admin, welcome("grace@example.gov").put("id", "invite-grace")))
        .compose(created -> when(vertx, admin, created.getString("id"), "completed"))
        .eventually(redis::close)
        .onComplete(test.succeeding(job -> test.verify(() -> {
          assertEquals(id, job.getString("id"));
          assertEquals(true, job.getJsonObject("result").getBoolean("sentBefore"));
          assertEquals(0, smtp.getReceivedMessages().length);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("an e-mail whose attempt died while sending it is sent by the job's next attempt")
  void takesOverDeadAttempt(Vertx vertx, VertxTestContext test) {
    Redis redis = Redis.createClient(vertx, TestInfrastructure.get().settings().get(ConfigKeys.REDIS_URI));
    redis.send(Request.cmd(Command.SET).arg(prefix + ":sent:" + tenant + ":invite-ada").arg("sending:1"))
        .compose(claimed -> create(vertx, admin, welcome("ada@example.gov").put("id", "invite-ada")))
        .compose(created -> when(vertx, admin, created.getString("id"), "completed"))
        .eventually(redis::close)
        .onComplete(test.succeeding(job -> test.verify(() -> {
          assertEquals(2, job.getInteger("attempts"), "the first attempt found the claim of one as recent");
          assertEquals("another attempt of this job is sending its e-mail",
              job.getJsonArray("errors").getJsonObject(0).getString("error"));
          assertEquals(1, smtp.getReceivedMessages().length);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a bad address or an unknown template fails the job at once, saying why")
  void failsBadMail(Vertx vertx, VertxTestContext test) {
    JsonObject badTemplate = welcome("grace@example.gov");
    badTemplate.getJsonObject("data").put(EmailJob.TEMPLATE, "farewell");
    create(vertx, admin, welcome("not an address"))
        .compose(created -> when(vertx, admin, created.getString("id"), "failed"))
        .compose(bad -> create(vertx, admin, badTemplate)
            .compose(created -> when(vertx, admin, created.getString("id"), "failed"))
            .map(missing -> new JsonArray().add(bad).add(missing)))
        .onComplete(test.succeeding(both -> test.verify(() -> {
          assertEquals("'to' must be one e-mail address, not not an address",
              both.getJsonObject(0).getJsonArray("errors").getJsonObject(0).getString("error"));
          assertEquals("no e-mail template 'farewell'; there are: digest, reminders, weekly-report, welcome",
              both.getJsonObject(1).getJsonArray("errors").getJsonObject(0).getString("error"));
          assertEquals(1, both.getJsonObject(1).getInteger("attempts"), "not retried");
          assertEquals(0, smtp.getReceivedMessages().length);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("members cannot enqueue, unknown types and fields are 400s, another tenant's job is a 404, and the list "
      + "shows the tenant's own jobs")
  void refuses(Vertx vertx, VertxTestContext test) {
    create(vertx, admin, welcome("grace@example.gov").put("id", "only-once"))
        .compose(first -> create(vertx, admin, welcome("grace@example.gov").put("id", "only-once"))
            .onSuccess(second -> test.verify(() -> {
              assertEquals(first.getString("id"), second.getString("id"));
              assertEquals(false, second.getBoolean("added"));
            }))
            .compose(second -> failureCode(create(vertx, member, welcome("grace@example.gov"))))
            .onSuccess(code -> test.verify(() -> assertEquals(403, code)))
            .compose(code -> failureCode(create(vertx, admin, new JsonObject().put("type", "rocket.launch"))))
            .onSuccess(code -> test.verify(() -> assertEquals(400, code)))
            .compose(code -> failureCode(create(vertx, admin, welcome("grace@example.gov").put("priority", 5000))))
            .onSuccess(code -> test.verify(() -> assertEquals(400, code)))
            .compose(code -> failureCode(get(vertx, stranger, first.getString("id"))))
            .onSuccess(code -> test.verify(() -> assertEquals(404, code)))
            .compose(code -> call(vertx, Addresses.JOBS_LIST, member, new JsonObject().put("query", new JsonObject())))
            .onSuccess(list -> test.verify(() -> assertEquals(List.of(first.getString("id")), list.getJsonArray("jobs")
                .stream().map(j -> ((JsonObject) j).getString("id")).toList())))
            .compose(list -> call(vertx, Addresses.JOBS_LIST, stranger, new JsonObject().put("query", new JsonObject())))
            .onSuccess(list -> test.verify(() -> assertEquals(0, list.getJsonArray("jobs").size())))
            .compose(list -> failureCode(call(vertx, Addresses.JOBS_LIST, member, new JsonObject().put("query",
                new JsonObject().put("state", new JsonArray().add("sleeping"))))))
            .onSuccess(code -> test.verify(() -> assertEquals(400, code))))
        .onComplete(test.succeedingThenComplete());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
