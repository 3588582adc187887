package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.flags.FlagStore;
import com.medcontracthub.testkit.BridgeClient;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The feature flags of a running cluster (the edge in one JVM, OCR and AI in another), switched with {@code mch flags}
 * as an operator does, each switch seen through the public API and the bridge as a user would.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Feature flags switched on a running system")
class FeatureFlagsIT {

  /** Every JVM reads the flags every 2 s (the default); the checks give them several periods. */
  private static final long FOLLOWED_MS = 15_000;

  private final ClusterJvms cluster = new ClusterJvms(3);
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String admin = "admin-" + suffix + "@flags.example";
  private final String noticeId = "flags-" + suffix;

  /** The flags live in the test infrastructure's Redis, which later tests use: all go back to their settings. */
  @AfterEach
  void stop(Vertx vertx) {
    try {
      Redis redis = Redis.createClient(vertx, TestInfrastructure.get().settings().get(ConfigKeys.REDIS_URI));
      redis.send(Request.cmd(Command.DEL).arg(FlagStore.KEY)).eventually(redis::close).await();
    } finally {
      cluster.kill();
    }
  }

  private static String flags(String... args) throws Exception {
    MchProcess command = MchProcess.start(TestInfrastructure.environment(), prepend("flags", args));
    assertEquals(0, command.awaitExit(60), command.stdout() + command.stderr());
    return command.stdout();
  }

  private static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** {@code count} searches through the gateway, each answered 200. */
  private static void searches(GatewayClient gateway, String token, int count) {
    for (int i = 0; i < count; i++) {
      // a query of its own each: no cache answers in the service's place
      HttpResponse<Buffer> found = gateway.get("/api/v1/opportunities?q=gloves+" + UUID.randomUUID())
          .bearerTokenAuthentication(token).send().await();
      assertEquals(200, found.statusCode(), found.bodyAsString());
    }
  }

  /** The searches a JVM served, as its /metrics counts them. */
  private static double searchesServed(GatewayClient management) {
    String scraped = management.get("/metrics").send().await().bodyAsString();
    return scraped.lines().filter(line -> line.startsWith("mch_service_requests_total{")
            && line.contains("address=\"opportunities.search\"") && line.contains("outcome=\"ok\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  /** A tenant's bucket of a flag's share, as docs/flags.md states it: CRC-32C of "flag/tenant", modulo 100. */
  private static int bucket(String flag, UUID tenant) {
    CRC32C crc = new CRC32C();
    crc.update((flag + "/" + tenant).getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % 100);
  }

  @Test
  @Timeout(value = 6, timeUnit = TimeUnit.MINUTES)
  @DisplayName("AI scoring off answers 503 and on for a share of tenants the same tenants; OCR off keeps an upload "
      + "queued, not taken, until it is on; live presence off lists no one, on again lists who is there")
  void switchedAtRunTime(Vertx vertx) throws Exception {
    DocumentCluster jvms = DocumentCluster.start(vertx, cluster, "flags-" + suffix, admin);
    UUID tenant = jvms.tenant();
    MchProcess edge = jvms.edge();
    MchProcess workers = jvms.workers();
    GatewayClient gateway = jvms.gateway();
    String token = gateway.login(admin, DocumentCluster.PASSWORD).await();
    try {
      HttpResponse<Buffer> imported = gateway.request(HttpMethod.POST, "/api/v1/opportunities/import")
          .bearerTokenAuthentication(token).sendBuffer(Buffer.buffer(new JsonObject().put("noticeId", noticeId)
              .put("title", "Nitrile examination gloves").put("postedDate", "2026-11-20").put("active", "Yes")
              .encode())).await();
      assertEquals(200, imported.statusCode(), imported.bodyAsString());
      Eventually.untilTrue(vertx, () -> gateway.get("/api/v1/opportunities/" + noticeId).bearerTokenAuthentication(token)
          .send().map(r -> r.statusCode() == 200), 60_000, "the notice imported").await();

      // AI scoring: off, then on for half the tenants: one tenant on each side of it
      String analysis = "/api/v1/ai/opportunities/" + noticeId + "/analysis";
      String switchedOff = "bid/no-bid analyses are switched off for now; the analyses made stay readable";
      assertTrue(flags("set", "ai-scoring", "off").contains("ai-scoring: off, in every JVM within 2000 ms"));
      Eventually.untilTrue(vertx, () -> gateway.request(HttpMethod.POST, analysis).bearerTokenAuthentication(token)
          .send().map(r -> r.statusCode() == 503 && switchedOff.equals(r.bodyAsJsonObject().getString("detail"))),
          FOLLOWED_MS, "analyses refused, saying why").await();
      String listed = flags();
      assertTrue(listed.lines().anyMatch(line -> line.matches("ai-scoring\\s+off\\s+mch flags\\s+bid/no-bid.*")),
          listed);
      assertTrue(listed.lines().anyMatch(line -> line.matches("ocr-processing\\s+on\\s+config\\s+.*")), listed);
      Map<Boolean, String> sides = new HashMap<>();
      sides.put(bucket("ai-scoring", tenant) < 50, token);
      for (int i = 0; sides.size() < 2 && i < 40; i++) {
        String other = "admin-" + i + "-" + suffix + "@flags.example";
        UUID candidate = DocumentCluster.tenant(vertx, "flags-" + i + "-" + suffix, other);
        if (!sides.containsKey(bucket("ai-scoring", candidate) < 50)) {
          sides.put(bucket("ai-scoring", candidate) < 50, gateway.login(other, DocumentCluster.PASSWORD).await());
        }
      }
      flags("set", "ai-scoring", "50%");
      Eventually.until(vertx, () -> workers.stderr().contains("flag ai-scoring: 50%"), FOLLOWED_MS,
          "the AI JVM following the flag").await();
      // more refusals in a row than open a circuit, on each of the gateway's instances (one per core)
      for (int i = 0; i < 6 * Runtime.getRuntime().availableProcessors(); i++) {
        HttpResponse<Buffer> left = gateway.request(HttpMethod.POST, analysis)
            .bearerTokenAuthentication(sides.get(false)).send().await();
        assertEquals(List.of(503, switchedOff), List.of(left.statusCode(), left.bodyAsJsonObject().getString("detail")),
            "a tenant left out is refused, each time");
      }
      for (int i = 0; i < 3; i++) {
        HttpResponse<Buffer> included = gateway.request(HttpMethod.POST, analysis)
            .bearerTokenAuthentication(sides.get(true)).send().await();
        assertEquals(202, included.statusCode(), "the refusals opened no circuit: a tenant in the 50% starts "
            + "analyses, each time: " + included.bodyAsString());
      }

      // OCR: off keeps an upload waiting in its queue, on reads it
      flags("set", "ocr-processing", "off");
      Eventually.until(vertx, () -> workers.stderr().contains("flag ocr-processing: off"), FOLLOWED_MS,
          "the OCR JVM following the flag").await();
      HttpResponse<Buffer> accepted = gateway.request(HttpMethod.POST, "/api/v1/opportunities/" + noticeId
              + "/documents").bearerTokenAuthentication(token)
          .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "solicitation.png",
              ScannedPage.png("Quotes are due by January 15, 2027."), "image/png"))
          .await();
      assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
      String document = "/api/v1/documents/" + accepted.bodyAsJsonObject().getString("id");
      Eventually.until(vertx, () -> workers.stderr().contains("reading documents is switched off"), 60_000,
          "the OCR JVM passing the document over").await();
      JsonObject waiting = gateway.get(document).bearerTokenAuthentication(token).send().await().bodyAsJsonObject();
      JsonObject text = waiting.getJsonObject("steps").getJsonObject("text");
      assertEquals(List.of("processing", "running", 1), List.of(waiting.getString("state"), text.getString("state"),
          text.getInteger("attempt")), waiting.encodePrettily());
      assertNull(text.getString("takenAt"), "not taken: its time to answer has not begun");
      flags("set", "ocr-processing", "on");
      Eventually.untilTrue(vertx, () -> gateway.get(document).bearerTokenAuthentication(token).send()
          .map(r -> "done".equals(r.bodyAsJsonObject().getJsonObject("steps").getJsonObject("text")
              .getString("state"))), 120_000, "the document read once OCR is on").await();

      // live presence: off lists no one; on again, the user is listed without doing anything
      String presence = "opportunity." + noticeId + ".presence";
      flags("set", "live-presence", "off");
      Eventually.until(vertx, () -> edge.stderr().contains("flag live-presence: off"), FOLLOWED_MS,
          "the edge JVM following the flag").await();
      // opened now: a socket silent for 30 s is closed as gone
      BridgeClient browser = BridgeClient.webSocket(vertx, gateway.port()).await();
      browser.register(presence, token);
      JsonObject answer = browser.next(browser.request(presence, token, new JsonObject().put("state", "editing")))
          .await();
      assertEquals(new JsonArray(), answer.getJsonObject("body").getJsonArray("members"), answer.encode());
      assertTrue(flags("reset", "live-presence").contains("live-presence: on as configured"));

      // local services: with a second JVM running opportunities, the edge's searches go to both in turn; on, to its own
      MchProcess second = cluster.start(2, "--services=opportunities");
      second.ready().get(3, TimeUnit.MINUTES);
      GatewayClient secondMetrics = new GatewayClient(vertx, second.managementPort());
      double before = searchesServed(secondMetrics);
      searches(gateway, token, 20);
      assertTrue(searchesServed(secondMetrics) > before, "off: the other JVM serves some of the edge's searches");
      flags("set", "local-services", "on");
      Eventually.until(vertx, () -> edge.stderr().contains("flag local-services: on"), FOLLOWED_MS,
          "the edge JVM following the flag").await();
      double on = searchesServed(secondMetrics);
      searches(gateway, token, 20);
      assertEquals(on, searchesServed(secondMetrics), "on: the edge's own JVM serves every search");
      JsonArray listedBack = browser.next(frame -> presence.equals(frame.getString("address"))
          && frame.getJsonObject("body") != null && frame.getJsonObject("body").getJsonArray("members").size() == 1,
          FOLLOWED_MS).await().getJsonObject("body").getJsonArray("members");
      assertEquals(List.of(admin, "editing"), List.of(listedBack.getJsonObject(0).getString("email"),
          listedBack.getJsonObject(0).getString("state")), listedBack.encode());
      browser.close();
    } catch (AssertionError | RuntimeException e) {
      cluster.started().forEach(jvm -> System.out.println("--- a JVM's last lines:\n" + String.join("\n",
          jvm.stderr().lines().skip(Math.max(0, jvm.stderr().lines().count() - 40)).toList())));
      throw e;
    }
  }
}
