package com.medcontracthub.documents;

import static com.medcontracthub.testkit.ServiceCalls.call;
import static com.medcontracthub.testkit.ServiceCalls.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.codecs.avro.EventCodec;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.events.DocumentDeadLettered;
import com.medcontracthub.events.DocumentProcessed;
import com.medcontracthub.events.DocumentTextExtracted;
import com.medcontracthub.ocr.OcrVerticle;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.kafka.KafkaBridgeVerticle;
import com.medcontracthub.platform.outbox.OutboxRelayVerticle;
import com.medcontracthub.testkit.KafkaTestClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A document from its upload to its text, against the embedded PostgreSQL and Kafka and the real Tesseract: the
 * documents service records it and writes its upload event through the outbox, the OCR service reads it from Kafka,
 * and the documents service records what was read and tells the tenant.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Documents, from upload to text")
class DocumentsFlowTest {

  private final JsonObject alice = new Principal(UUID.randomUUID(), UUID.randomUUID(), "member", "a@a.example").toJson();
  private final JsonObject mallory = new Principal(UUID.randomUUID(), UUID.randomUUID(), "admin", "m@m.example").toJson();
  private MchConfig config;
  private BlobStore blobs;

  /** This JVM's services and the bridge of the document events only (the test Kafka is shared by the module's tests). */
  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    MchConfig product = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    JsonArray inbound = new JsonArray();
    product.tree().getJsonObject("bridge").getJsonArray("inbound").forEach(m -> {
      JsonObject mapping = (JsonObject) m;
      if (Topics.DOCUMENT_EVENTS.equals(mapping.getString("topic"))
          && !Addresses.REALTIME_DOCUMENT_EVENTS.equals(mapping.getString("address"))) {
        inbound.add(mapping);
      }
    });
    Path file = Files.createTempFile("documents-", ".yaml");
    file.toFile().deleteOnExit();
    Files.writeString(file, new JsonObject().put("bridge", new JsonObject().put("inbound", inbound)
        .put("outbound", product.tree().getJsonObject("bridge").getJsonArray("outbound"))).encode());
    config = ConfigLoader.load(vertx, "cluster", Optional.of(file), TestInfrastructure.environment(), Map.of()).await()
        .with(Map.of(ConfigKeys.DOCUMENTS_STEP_ATTEMPTS, "2", ConfigKeys.DOCUMENTS_RETRY_BACKOFF_MS, "100",
            ConfigKeys.DOCUMENTS_SWEEP_MS, "50", ConfigKeys.DOCUMENTS_STEPS, DocumentSteps.TEXT), "test");
    blobs = BlobStore.of(vertx, config);
    EventCodec.registerAll(vertx);
    Future.all(List.of(vertx.deployVerticle(new DocumentsVerticle(config)),
            vertx.deployVerticle(new DocumentSagaVerticle(config)), vertx.deployVerticle(new OcrVerticle(config)),
            vertx.deployVerticle(new OutboxRelayVerticle(config)), vertx.deployVerticle(new KafkaBridgeVerticle(config))))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** A PDF of two pages: one typed (a text layer), one a scan of typed text. */
  private static byte[] solicitation() throws Exception {
    BufferedImage scan = new BufferedImage(2550, 600, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = scan.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 2550, 600);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 50));
    g.drawString("Offers are due by January 15, 2027 at 2:00 PM Eastern.", 250, 300);
    g.dispose();
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage typed = new PDPage(PDRectangle.LETTER);
      document.addPage(typed);
      try (PDPageContentStream content = new PDPageContentStream(document, typed)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 12);
        content.newLineAtOffset(72, 700);
        content.showText("Nitrile examination gloves, powder free, 100 per box.");
        content.endText();
      }
      PDPage scanned = new PDPage(PDRectangle.LETTER);
      document.addPage(scanned);
      try (PDPageContentStream content = new PDPageContentStream(document, scanned)) {
        content.drawImage(LosslessFactory.createFromImage(document, scan), 0, 500, 612, 144);
      }
      document.save(out);
      return out.toByteArray();
    }
  }

  /** The document uploaded (stored, then recorded as the gateway's route records it). */
  private Future<JsonObject> upload(Vertx vertx, byte[] bytes, String name, String mediaType) {
    return blobs.store(Buffer.buffer(bytes)).compose(blob -> call(vertx, Addresses.DOCUMENTS_CREATE, alice,
        new JsonObject().put("path", new JsonObject().put("id", "notice-1")).put("body", new JsonObject()
            .put("blob", blob.sha256()).put("bytes", blob.bytes()).put("fileName", name).put("mediaType", mediaType))));
  }

  @Test
  @DisplayName("an uploaded PDF is read page by page (its text layer, then OCR), its owner sees its steps and text, "
      + "and its tenant hears of it once; another tenant sees nothing")
  void readPdf(Vertx vertx, VertxTestContext ctx) throws Exception {
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    upload(vertx, solicitation(), "rfq.pdf", "application/pdf")
        .onSuccess(created -> ctx.verify(() -> {
          assertEquals("processing", created.getString("state"));
          JsonObject text = created.getJsonObject("steps").getJsonObject("text");
          assertEquals(List.of("running", 1), List.of(text.getString("state"), text.getInteger("attempt")));
        }))
        .compose(created -> ended(vertx, created.getString("id"), System.currentTimeMillis() + 60_000))
        .compose(read -> kafka.awaitEvents(Topics.DOCUMENT_EVENTS, 1, r -> r.value() instanceof DocumentTextExtracted t
                && t.getDocumentId().equals(read.getString("id")))
            .onSuccess(told -> ctx.verify(() -> assertEquals(read.getString("id"), told.get(0).key(),
                "what OCR read is keyed by the document, as its other events are")))
            .compose(told -> kafka.awaitEvents(Topics.DOCUMENT_EVENTS, 1, r -> r.value() instanceof DocumentProcessed p
                && p.getDocumentId().equals(read.getString("id"))))
            .compose(told -> Future.all(
                failureCode(call(vertx, Addresses.DOCUMENTS_GET, mallory, path(read.getString("id")))),
                failureCode(call(vertx, Addresses.DOCUMENTS_FILE, mallory, path(read.getString("id")))),
                call(vertx, Addresses.DOCUMENTS_GET, alice, path(read.getString("id"))
                    .put("query", new JsonObject().put("words", new JsonArray().add("true"))))))
            .map(all -> List.of(read, all)))
        .eventually(kafka::close)
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          JsonObject read = (JsonObject) outcome.get(0);
          assertEquals("processed", read.getString("state"), read::encodePrettily);
          assertEquals("done", read.getJsonObject("steps").getJsonObject("text").getString("state"));
          assertEquals(2, read.getInteger("pages"));
          JsonArray text = read.getJsonArray("text");
          assertEquals("text-layer", text.getJsonObject(0).getString("method"));
          assertEquals("Nitrile examination gloves, powder free, 100 per box.", text.getJsonObject(0).getString("text"));
          assertEquals("ocr", text.getJsonObject(1).getString("method"));
          assertTrue(text.getJsonObject(1).getString("text").contains("Offers are due by January 15, 2027"),
              text.getJsonObject(1).getString("text"));
          assertTrue(!text.getJsonObject(1).containsKey("words"), "word boxes only on request");
          List<?> checks = ((CompositeFuture) outcome.get(1)).list();
          assertEquals(404, checks.get(0));
          assertEquals(404, checks.get(1));
          assertTrue(((JsonObject) checks.get(2)).getJsonArray("text").getJsonObject(1).getString("words")
              .contains("\tOffers"), "the words with their boxes on request");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a corrupt PDF ends as a failed document with the reason")
  void corrupt(Vertx vertx, VertxTestContext ctx) {
    byte[] broken = "%PDF-1.7\nthis is not the rest of a PDF".getBytes(StandardCharsets.US_ASCII);
    upload(vertx, broken, "broken.pdf", "application/pdf")
        .compose(created -> ended(vertx, created.getString("id"), System.currentTimeMillis() + 60_000))
        .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
          assertEquals("failed", read.getString("state"), read::encodePrettily);
          JsonObject step = read.getJsonObject("steps").getJsonObject("text");
          assertEquals(List.of("failed", 1, 0), List.of(step.getString("state"), step.getInteger("attempt"),
              step.getJsonArray("errors").size()), "the document is at fault: it is not tried again");
          assertTrue(read.getString("failure").startsWith("not a readable PDF"), read.encode());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a document whose file cannot be had is tried again after a back-off, then fails with each attempt's "
      + "error and goes to the dead-letter topic; a document uploaded after it is read")
  void missingFile(Vertx vertx, VertxTestContext ctx) throws Exception {
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    byte[] readable = solicitation();
    JsonObject lost = new JsonObject().put("path", new JsonObject().put("id", "notice-1")).put("body", new JsonObject()
        .put("blob", "0".repeat(64)).put("bytes", 10).put("fileName", "lost.pdf").put("mediaType", "application/pdf"));
    call(vertx, Addresses.DOCUMENTS_CREATE, alice, lost)
        .compose(missing -> upload(vertx, readable, "after.pdf", "application/pdf")
            .compose(after -> ended(vertx, after.getString("id"), System.currentTimeMillis() + 60_000))
            .compose(after -> ended(vertx, missing.getString("id"), System.currentTimeMillis() + 60_000)
                .map(read -> List.of(read, after))))
        .compose(both -> kafka.awaitEvents(Topics.DOCUMENT_DEAD_LETTERS, 1, r -> r.value() instanceof
                DocumentDeadLettered dead && dead.getDocumentId().equals(both.get(0).getString("id")))
            .map(dead -> List.of(both.get(0), both.get(1), dead.get(0).value())))
        .eventually(kafka::close)
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          JsonObject missing = (JsonObject) outcome.get(0);
          assertEquals("failed", missing.getString("state"), missing::encodePrettily);
          assertEquals("gave up after 2 attempts: the stored file cannot be read", missing.getString("failure"));
          assertEquals("processed", ((JsonObject) outcome.get(1)).getString("state"));
          DocumentDeadLettered dead = (DocumentDeadLettered) outcome.get(2);
          assertEquals(List.of(1, 2), dead.getErrors().stream().map(e -> e.getAttempt()).toList());
          assertEquals(List.of("the stored file cannot be read", "the stored file cannot be read"),
              dead.getErrors().stream().map(e -> e.getError()).toList());
          ctx.completeNow();
        })));
  }

  private static JsonObject path(String id) {
    return new JsonObject().put("path", new JsonObject().put("id", id));
  }

  /** The document as its owner reads it once its processing ended, asked every 100 ms until the deadline. */
  private Future<JsonObject> ended(Vertx vertx, String id, long deadline) {
    return call(vertx, Addresses.DOCUMENTS_GET, alice, path(id)).compose(read -> !"processing".equals(read.getString("state"))
        ? Future.succeededFuture(read)
        : System.currentTimeMillis() > deadline ? Future.failedFuture(new AssertionError("not ended in time: " + read))
        : vertx.timer(100).compose(t -> ended(vertx, id, deadline)));
  }
}
