package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.events.DocumentProcessed;
import com.medcontracthub.events.DocumentTextExtracted;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.BridgeClient;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.KafkaTestClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.sqlclient.Pool;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A document through the public API on a cluster of JVMs against the test infrastructure: the edge (gateway, identity,
 * documents, realtime) and OCR JVMs apart, as they would be deployed; the uploader watches its steps on the browser
 * bridge.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Document processing across JVMs")
class DocumentProcessingFlowIT {

  private static final int PAGES = 8;

  private final ClusterJvms cluster = new ClusterJvms(3);
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String admin = "admin-" + suffix + "@documents.example";

  @AfterEach
  void stop() {
    cluster.kill();
  }

  /** A scanned PDF of {@value #PAGES} pages, each a line of typed text as an image. */
  private static Buffer scannedPdf() throws Exception {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (int i = 1; i <= PAGES; i++) {
        BufferedImage scan = new BufferedImage(2550, 3300, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scan.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 2550, 3300);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 50));
        for (int line = 0; line < 30; line++) {
          g.drawString("Page " + i + ", line " + (line + 1) + ": nitrile examination gloves, powder free, 100 per box.",
              250, 300 + line * 90);
        }
        g.dispose();
        PDPage page = new PDPage(PDRectangle.LETTER);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.drawImage(LosslessFactory.createFromImage(document, scan), 0, 0, 612, 792);
        }
      }
      document.save(out);
      return Buffer.buffer(out.toByteArray());
    }
  }

  /**
   * Each message of the room once, by its sequence number: a message logged while the registration's recovery was
   * read may reach the session twice, the replay and the live delivery.
   */
  private static Predicate<JsonObject> distinctSeq() {
    Set<String> seen = new HashSet<>();
    return frame -> {
      String seq = frame.getJsonObject("headers", new JsonObject()).getString("seq");
      return seq == null || seen.add(seq);
    };
  }

  private static boolean isAbout(JsonObject frame, String room, String documentId) {
    return room.equals(frame.getString("address")) && frame.getJsonObject("body") != null
        && documentId.equals(frame.getJsonObject("body").getString("documentId"));
  }

  private static String shown(JsonObject notification) {
    return "document.step".equals(notification.getString("kind"))
        ? notification.getString("step") + " " + notification.getString("state") + " " + notification.getInteger("attempt")
        : notification.getString("kind");
  }

  private static boolean about(KafkaConsumerRecord<String, SpecificRecord> record, Class<?> type, String id) {
    return type.isInstance(record.value()) && id.equals(record.key());
  }

  @Test
  @Timeout(value = 5, timeUnit = TimeUnit.MINUTES)
  @DisplayName("an OCR JVM SIGKILLed in the middle of a document: another reads it after, and its text is recorded and "
      + "told to the tenant once")
  void ocrKilledMidDocument(Vertx vertx, VertxTestContext test) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    Pool pool = PgPools.create(vertx, config);
    UUID tenant = new Accounts(vertx, new IdentityStore(pool)).createTenant("documents-" + suffix, admin, "secret",
        "test").eventually(pool::close).await();
    // the address a browser registers (the realtime service's room behind it is internal)
    String notifications = "tenant." + tenant + ".notifications";
    // the text step only: the AI service's steps are AiAnalysisPipelineIT's
    MchProcess edge = cluster.start(0, "--services=gateway,identity,documents,realtime", "--set",
        "gateway.port=0", "--set", "documents.steps=text");
    MchProcess doomed = cluster.start(1, "--services=ocr", "--set", "ocr.engines=1");
    int port = edge.ready().get();
    GatewayClient gateway = new GatewayClient(vertx, port);
    BridgeClient browser = BridgeClient.webSocket(vertx, port).await();
    doomed.ready().get();
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    String documentsGroup = config.bridge().inbound().stream()
        .filter(m -> m.address().equals(Addresses.DOCUMENTS_STEP_RESULTS)).findFirst().orElseThrow().group();
    Buffer pdf = scannedPdf();
    MchProcess[] successor = new MchProcess[1];
    // registered to hear everything the room had since before the upload: a registration taken late misses nothing
    String beforeUpload = System.currentTimeMillis() + "-0";
    gateway.login(admin, "secret").compose(token -> Future.<Void>succeededFuture()
        .onSuccess(nothing -> browser.register(notifications, token, beforeUpload))
        .compose(nothing -> gateway.request(HttpMethod.POST,
                "/api/v1/opportunities/notice-" + suffix + "/documents?fileName=rfq.pdf")
            .bearerTokenAuthentication(token).sendBuffer(pdf)
            .compose(accepted -> {
              test.verify(() -> assertEquals(202, accepted.statusCode(), accepted.bodyAsString()));
              String id = accepted.bodyAsJsonObject().getString("id");
              return Eventually.until(vertx, () -> doomed.stderr().contains("reading document " + id), 60_000,
                      "the first OCR JVM began the document")
                  .compose(v -> {
                    doomed.kill();
                    try {
                      successor[0] = cluster.start(2, "--services=ocr", "--set", "ocr.engines=1");
                    } catch (Exception e) {
                      return Future.failedFuture(e);
                    }
                    return DocumentStatus.whenRead(vertx, gateway, token, "/api/v1/documents/" + id,
                        System.currentTimeMillis() + 150_000);
                  })
                  .compose(read -> kafka.awaitEvents(Topics.DOCUMENT_EVENTS, 1,
                          r -> about(r, DocumentTextExtracted.class, id))
                      .compose(told -> kafka.eventsSoFar(Topics.DOCUMENT_EVENTS,
                          r -> about(r, DocumentTextExtracted.class, id)))
                      .compose(extracted -> Future.all(extracted.stream()
                          .map(r -> kafka.awaitCommitted(documentsGroup, r)).toList()).map(extracted))
                      .compose(extracted -> kafka.awaitEvents(Topics.DOCUMENT_EVENTS, 1,
                              r -> about(r, DocumentProcessed.class, id))
                          .compose(first -> kafka.eventsSoFar(Topics.DOCUMENT_EVENTS,
                              r -> about(r, DocumentProcessed.class, id)))
                          .map(processed -> List.of(read, extracted.size(), processed.size(),
                              successor[0].stderr().contains("reading document " + id))))
                      .compose(outcome -> browser.next(frame -> isAbout(frame, notifications, id)
                              && "document.processed".equals(frame.getJsonObject("body").getString("kind")), 30_000)
                          .map(end -> {
                            List<Object> all = new ArrayList<>(outcome);
                            all.add(browser.seen().stream().filter(frame -> isAbout(frame, notifications, id))
                                .filter(distinctSeq()).map(frame -> frame.getJsonObject("body"))
                                .map(DocumentProcessingFlowIT::shown).toList());
                            return all;
                          })));
            })))
        .eventually(kafka::close)
        .eventually(browser::close)
        .onFailure(e -> cluster.started().forEach(jvm -> System.out.println("--- a JVM's last lines:\n" + String.join("\n",
            jvm.stderr().lines().skip(Math.max(0, jvm.stderr().lines().count() - 40)).toList()))))
        .onComplete(test.succeeding(outcome -> test.verify(() -> {
          JsonObject read = (JsonObject) outcome.get(0);
          assertEquals("processed", read.getString("state"), read::encodePrettily);
          assertEquals(PAGES, read.getInteger("pages"));
          assertTrue(read.getJsonArray("text").getJsonObject(PAGES - 1).getString("text").contains("Page " + PAGES + ", line 30"),
              read::encodePrettily);
          assertTrue((int) outcome.get(1) >= 1, "the text told at least once");
          assertEquals(1, outcome.get(2), "the tenant is told once");
          assertEquals(true, outcome.get(3), "the second OCR JVM read it");
          assertEquals(List.of("text running 1", "text done 1", "document.processed"), outcome.get(4),
              "the uploader watched each step, once");
          test.completeNow();
        })));
  }
}
