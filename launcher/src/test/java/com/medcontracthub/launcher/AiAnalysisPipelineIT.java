package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.testkit.BridgeClient;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A notice's analysis from its document, through the public API on a cluster of JVMs against the test infrastructure:
 * the edge (gateway, identity, opportunities, documents, realtime) in one JVM, the OCR and AI services in another, the
 * document's saga between them over Kafka. The capture manager imports a notice, uploads its scanned solicitation and
 * watches its steps (text, analysed, indexed) live, finds its passage by meaning, and asks for the analysis, whose
 * result arrives live on the bridge and is then what GET answers.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A notice's analysis, from its uploaded document")
class AiAnalysisPipelineIT {

  private final ClusterJvms cluster = new ClusterJvms(2);
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String admin = "admin-" + suffix + "@ai.example";
  private final String noticeId = "ai-gloves-" + suffix;

  @AfterEach
  void stop() {
    cluster.kill();
  }

  /** Each frame once, by its sequence number: a registration's recovery and the live delivery may both bring one. */
  private static List<JsonObject> distinct(List<JsonObject> frames) {
    Set<String> seen = new HashSet<>();
    return frames.stream().filter(frame -> {
      String seq = frame.getJsonObject("headers", new JsonObject()).getString("seq");
      return seq == null || seen.add(seq);
    }).toList();
  }

  @Test
  @Timeout(value = 6, timeUnit = TimeUnit.MINUTES)
  @DisplayName("import a notice, upload its scan: the steps are watched live, its passage is found on its page, and "
      + "its analysis (the scan's deadline and 510(k) on page 1, a score with reasons) arrives live and through GET")
  void analysedFromItsDocument(Vertx vertx) throws Exception {
    DocumentCluster jvms = DocumentCluster.start(vertx, cluster, "ai-" + suffix, admin);
    UUID tenant = jvms.tenant();
    GatewayClient gateway = jvms.gateway();
    String token = gateway.login(admin, DocumentCluster.PASSWORD).await();
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        StandardCharsets.UTF_8));
    String notifications = "tenant." + tenant + ".notifications";
    String mine = "user." + claims.getString("sub") + ".notifications";
    BridgeClient browser = BridgeClient.webSocket(vertx, gateway.port()).await();
    try {
      browser.register(notifications, token);
      browser.register(mine, token);

      HttpResponse<Buffer> imported = gateway.request(HttpMethod.POST, "/api/v1/opportunities/import")
          .bearerTokenAuthentication(token).sendBuffer(Buffer.buffer(new JsonObject().put("noticeId", noticeId)
              .put("title", "Nitrile examination gloves").put("postedDate", "2026-11-20").put("active", "Yes")
              .put("naicsCode", "339113").put("typeOfSetAside", "SBA")
              .put("description", "Powder-free nitrile examination gloves for the medical center.").encode()))
          .await();
      assertEquals(200, imported.statusCode(), imported.bodyAsString());
      String job = imported.bodyAsJsonObject().getString("jobId");
      browser.next(frame -> mine.equals(frame.getString("address"))
          && job.equals(frame.getJsonObject("body").getString("jobId"))
          && "finished".equals(frame.getJsonObject("body").getString("state")), 60_000).await();

      Buffer scan = ScannedPage.png("Quotes are due by January 15, 2027.",
          "Gloves shall be FDA 510(k) cleared and meet ASTM D6319.");
      HttpResponse<Buffer> accepted = gateway.request(HttpMethod.POST, "/api/v1/opportunities/" + noticeId
              + "/documents").bearerTokenAuthentication(token)
          .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "solicitation.png", scan, "image/png"))
          .await();
      assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
      String documentId = accepted.bodyAsJsonObject().getString("id");
      browser.next(frame -> notifications.equals(frame.getString("address"))
          && documentId.equals(frame.getJsonObject("body").getString("documentId"))
          && "document.processed".equals(frame.getJsonObject("body").getString("kind")), 180_000).await();
      List<String> watched = distinct(browser.seen()).stream()
          .filter(frame -> notifications.equals(frame.getString("address")))
          .map(frame -> frame.getJsonObject("body"))
          .filter(body -> documentId.equals(body.getString("documentId")))
          .map(body -> "document.step".equals(body.getString("kind"))
              ? body.getString("step") + " " + body.getString("state") : body.getString("kind"))
          .toList();
      assertEquals(List.of("text running", "text done", "analysed running", "analysed done", "indexed running",
          "indexed done", "document.processed"), watched, "the uploader watched each step, once");

      HttpResponse<Buffer> passages = gateway.get("/api/v1/ai/documents/search?noticeId=" + noticeId + "&q="
          + URLEncoder.encode("when must quotations be submitted", StandardCharsets.UTF_8))
          .bearerTokenAuthentication(token).send().await();
      assertEquals(200, passages.statusCode(), passages.bodyAsString());
      JsonObject passage = passages.bodyAsJsonObject().getJsonArray("hits").getJsonObject(0);
      assertEquals(List.of(documentId, "solicitation.png", 1, noticeId), List.of(passage.getString("documentId"),
          passage.getString("fileName"), passage.getInteger("page"), passage.getString("noticeId")));
      assertTrue(passage.getString("passage").contains("January 15, 2027"), passage.encode());

      HttpResponse<Buffer> profile = gateway.request(HttpMethod.PUT, "/api/v1/ai/profile")
          .bearerTokenAuthentication(token).sendJsonObject(new JsonObject()
              .put("capability", "We make nitrile and latex examination gloves.")
              .put("naics", new JsonArray().add("339113"))
              .put("certifications", new JsonArray().add("small business").add("FDA 510(k) clearance")))
          .await();
      assertEquals(200, profile.statusCode(), profile.bodyAsString());
      String analysis = "/api/v1/ai/opportunities/" + noticeId + "/analysis";
      HttpResponse<Buffer> started = gateway.request(HttpMethod.POST, analysis).bearerTokenAuthentication(token)
          .send().await();
      assertEquals(202, started.statusCode(), started.bodyAsString());
      JsonObject pushed = browser.next(frame -> notifications.equals(frame.getString("address"))
          && "ai.analysis".equals(frame.getJsonObject("body").getString("kind"))
          && noticeId.equals(frame.getJsonObject("body").getString("noticeId")), 60_000).await().getJsonObject("body");
      assertEquals("done", pushed.getString("state"), pushed.encode());

      HttpResponse<Buffer> stored = gateway.get(analysis).bearerTokenAuthentication(token).send().await();
      assertEquals(200, stored.statusCode(), stored.bodyAsString());
      JsonObject result = stored.bodyAsJsonObject();
      assertEquals(pushed.getInteger("score"), result.getJsonObject("fit").getInteger("score"),
          "the pushed score is the stored one");
      List<String> requirements = result.getJsonArray("requirements").stream().map(JsonObject.class::cast)
          .map(r -> r.getString("kind") + " " + r.getString("value") + " (" + r.getString("fileName") + " p."
              + r.getInteger("page") + ")").toList();
      assertTrue(requirements.containsAll(List.of(
          "response-deadline January 15, 2027 (solicitation.png p.1)",
          "fda-510k FDA 510(k) clearance (solicitation.png p.1)",
          "standard ASTM D6319 (solicitation.png p.1)")), result.encodePrettily());
      assertEquals(List.of("solicitation.png"), result.getJsonArray("documents").stream()
          .map(d -> ((JsonObject) d).getString("fileName")).toList());
      List<String> reasons = result.getJsonObject("fit").getJsonArray("reasons").stream()
          .map(r -> ((JsonObject) r).getString("reason")).toList();
      assertTrue(reasons.contains("it asks for FDA 510(k) clearance, which you hold"), reasons.toString());
      assertEquals("bid", result.getJsonObject("fit").getString("recommendation"), result.encodePrettily());

      // the index rebuilt from PostgreSQL: the notices published again, then followed until the AI service has them
      MchProcess backfill = MchProcess.start(TestInfrastructure.environment(), "backfill", "vectors", "--follow",
          "--param", "since=" + LocalDate.now(ZoneOffset.UTC));
      assertEquals(0, backfill.awaitExit(180), backfill.stdout() + backfill.stderr());
      List<String> lines = backfill.stdout().strip().lines().map(String::strip).toList();
      assertTrue(lines.contains("ai.opportunity-events (consumer group mch-ai on mch.opportunity.events):"),
          backfill.stdout());
      assertEquals("caught up: mch-ai has handled every record", lines.get(lines.size() - 1), backfill.stdout());
      assertTrue(lines.stream().anyMatch(line -> line.matches("done: \\{\"items\":[1-9]\\d*}")), backfill.stdout());
    } catch (AssertionError | RuntimeException e) {
      cluster.started().forEach(jvm -> System.out.println("--- a JVM's last lines:\n" + String.join("\n",
          jvm.stderr().lines().skip(Math.max(0, jvm.stderr().lines().count() - 40)).toList())));
      throw e;
    } finally {
      browser.close();
    }
  }
}
