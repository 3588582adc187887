package com.medcontracthub.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.codecs.avro.EventCodec;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.events.DocumentStepAnswered;
import com.medcontracthub.events.DocumentStepChanged;
import com.medcontracthub.opportunities.OpportunitiesVerticle;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AI service's steps of a document's saga, as the bridge delivers them, on a document whose text is in the blob
 * store as the OCR service stores it. The documents service's take and the outbound bridge to Kafka are answered here
 * as they answer (taken while the saga wants the attempt; acknowledged): the whole saga across JVMs and Kafka is
 * {@code AiAnalysisPipelineIT}'s.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The AI service's document steps")
class DocumentStepsTest {

  @TempDir
  Path dir;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final UUID tenant = UUID.randomUUID();
  private final UUID documentId = UUID.randomUUID();
  private final List<DocumentStepAnswered> answers = new ArrayList<>();
  private final Set<Integer> passedOver = new HashSet<>();
  private MchConfig config;
  private Pool pool;
  private String textBlob;

  @BeforeEach
  void start(Vertx vertx) {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put("MCH_SERVICES", "opportunities,ai");
    env.put(ConfigKeys.envName(ConfigKeys.AI_DIR), dir.resolve("index").toString());
    env.put(ConfigKeys.envName(ConfigKeys.DATA_DIR), dir.toString());
    config = ConfigLoader.load(vertx, "cluster", Optional.empty(), env, Map.of()).await();
    EventCodec.registerAll(vertx);
    pool = PgPools.create(vertx, config);
    vertx.eventBus().<JsonObject>consumer(Addresses.DOCUMENTS_STEP_TAKEN, m -> m.reply(new JsonObject()
        .put(DocumentSteps.TAKEN, !passedOver.contains(m.body().getInteger(DocumentSteps.ATTEMPT)))));
    vertx.eventBus().<DocumentStepAnswered>consumer(Addresses.AI_EVENTS, m -> {
      answers.add(m.body());
      m.reply(null);
    });
    vertx.deployVerticle(new OpportunitiesVerticle(config)).await();
    vertx.deployVerticle(new AiVerticle(config, HealthChecks.create(vertx))).await();
    JsonArray pages = new JsonArray()
        .add(new JsonObject().put("page", 1).put("text", "Request for quotations. Quotes are due by January 15, 2027."))
        .add(new JsonObject().put("page", 2).put("text", "Line item 1: sterile gauze sponges, 4 x 4 inch, 12 ply, in "
            + "sleeves of two, each sleeve labelled with its lot number and expiry date. "
            + "The sponges shall be made of 100 percent cotton gauze, free of loose threads and lint. ".repeat(6)
            + "Packaging: sleeves are boxed by fifty and cartons hold twenty boxes, marked with the order number. "
                .repeat(3)
            + "Delivery is to the warehouse of the VA medical center in Tampa, Florida, within thirty days of the "
            + "order, FOB destination, between 8 a.m. and 3 p.m. on weekdays."));
    textBlob = BlobStore.of(vertx, config).store(new JsonObject().put("pages", pages).toBuffer()).await().sha256();
    String notice = new JsonObject().put("noticeId", noticeId()).put("title", "Gauze sponges").put("active", "Yes")
        .put("postedDate", "2026-11-20").put("naicsCode", "339113").encode();
    vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(
        () -> new ByteArrayInputStream(notice.getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { })).await();
  }

  private String noticeId() {
    return "gauze-" + suffix;
  }

  /** As the bridge delivers a record of mch.document.events: answered once performed (or undone). */
  private Future<Void> step(Vertx vertx, String step, String state, int attempt) {
    return step(vertx, step, state, attempt, textBlob);
  }

  private Future<Void> step(Vertx vertx, String step, String state, int attempt, String text) {
    DocumentStepChanged event = DocumentStepChanged.newBuilder()
        .setEnvelope(Events.envelope(DocumentStepChanged.class, "documents", null, tenant.toString(),
            documentId.toString()))
        .setDocumentId(documentId.toString()).setTenantId(tenant.toString()).setUserId(UUID.randomUUID().toString())
        .setNoticeId(noticeId()).setFileName("rfq.pdf").setStep(step).setState(state).setAttempt(attempt)
        .setMediaType("application/pdf").setBlob("0".repeat(64)).setTextBlob(text).build();
    return vertx.eventBus().request(Addresses.AI_DOCUMENT_STEPS, event).mapEmpty();
  }

  private JsonObject request(UUID of, JsonObject query, JsonObject path) {
    return new JsonObject().put(ServiceRequest.QUERY, query).put(ServiceRequest.PATH, path)
        .put(ServiceRequest.PRINCIPAL, new JsonObject().put("userId", UUID.randomUUID().toString())
            .put("tenantId", of.toString()).put("role", "member").put("email", "m@ai.example"));
  }

  private Future<List<String>> passages(Vertx vertx, UUID of, String q, String notice) {
    return passages(vertx, of, q, notice, "hybrid");
  }

  private Future<List<String>> passages(Vertx vertx, UUID of, String q, String notice, String mode) {
    JsonObject query = new JsonObject().put("q", new JsonArray().add(q)).put("mode", new JsonArray().add(mode))
        .put("limit", new JsonArray().add("50"));
    if (notice != null) {
      query.put("noticeId", new JsonArray().add(notice));
    }
    return vertx.eventBus().<JsonObject>request(Addresses.AI_PASSAGES, request(of, query, new JsonObject()))
        .map(reply -> reply.body().getJsonArray("hits").stream().map(JsonObject.class::cast)
            .map(hit -> hit.getString("fileName") + " p." + hit.getInteger("page") + ": "
                + hit.getString("passage").substring(0, 30)).toList());
  }

  private JsonObject analysed(Vertx vertx) {
    JsonObject path = new JsonObject().put("id", noticeId());
    vertx.eventBus().request(Addresses.AI_ANALYSIS_START, request(tenant, new JsonObject(), path)).await();
    AtomicReference<JsonObject> analysis = new AtomicReference<>();
    Eventually.untilTrue(vertx, () -> vertx.eventBus().<JsonObject>request(Addresses.AI_ANALYSIS,
        request(tenant, new JsonObject(), path)).map(reply -> {
          analysis.set(reply.body());
          return !"running".equals(reply.body().getString("state"));
        }), 10_000, "the analysis done").await();
    return analysis.get();
  }

  private static List<String> shown(JsonObject analysis) {
    return analysis.getJsonArray("requirements").stream().map(JsonObject.class::cast)
        .map(r -> r.getString("kind") + " p." + r.getInteger("page") + " " + r.getString("fileName")).toList();
  }

  @Test
  @DisplayName("analysed: finds the document's requirements with their pages, answers done, and the notice's analysis "
      + "reads them; undone, the next analysis no longer does")
  void analysedThenUndone(Vertx vertx) {
    step(vertx, DocumentSteps.ANALYSED, DocumentSteps.RUNNING, 1).await();
    assertEquals(1, answers.size());
    DocumentStepAnswered answer = answers.get(0);
    assertEquals(List.of(DocumentSteps.ANALYSED, DocumentSteps.DONE, 1, documentId.toString()),
        List.of(answer.getStep(), answer.getState(), answer.getAttempt(), answer.getDocumentId()));
    assertTrue(answer.getFound() >= 1, "the deadline at least: " + answer.getFound());
    JsonObject analysis = analysed(vertx);
    assertTrue(shown(analysis).contains("response-deadline p.1 rfq.pdf"), analysis.encodePrettily());
    assertEquals(List.of("rfq.pdf"), analysis.getJsonArray("documents").stream()
        .map(d -> ((JsonObject) d).getString("fileName")).toList());

    step(vertx, DocumentSteps.ANALYSED, DocumentSteps.COMPENSATING, 1).await();
    JsonObject after = analysed(vertx);
    assertEquals(List.of(), shown(after), "the notice's own text states none");
    assertEquals(1, answers.size(), "an undoing is not answered");
    step(vertx, DocumentSteps.ANALYSED, DocumentSteps.RUNNING, 1).await();
    assertEquals(List.of(), shown(analysed(vertx)), "an attempt delivered after the undoing stores nothing");
  }

  @Test
  @DisplayName("a step whose text cannot be read is answered as an error, which the saga tries again")
  void unreadableText(Vertx vertx) {
    step(vertx, DocumentSteps.INDEXED, DocumentSteps.RUNNING, 1, "f".repeat(64)).await();
    DocumentStepAnswered answer = answers.get(0);
    assertEquals(List.of(DocumentSteps.ERROR, 0), List.of(answer.getState(), answer.getFound()));
    assertTrue(answer.getReason().startsWith("the AI service could not index it this time"), answer.getReason());
  }

  @Test
  @DisplayName("indexed: cuts the pages into passages, answers done with their count, finds them for the tenant only "
      + "and its notice only; a redelivery leaves one copy, an attempt passed over does nothing, undone they are gone")
  void indexedThenUndone(Vertx vertx) {
    step(vertx, DocumentSteps.INDEXED, DocumentSteps.RUNNING, 1).await();
    DocumentStepAnswered answer = answers.get(0);
    assertEquals(List.of(DocumentSteps.INDEXED, DocumentSteps.DONE), List.of(answer.getStep(), answer.getState()));
    int indexed = answer.getFound();
    assertTrue(indexed >= 3, "page 1, and page 2's 1,100 characters in overlapping passages: " + indexed);

    List<String> found = passages(vertx, tenant, "sterile gauze sponges with lot number", null).await();
    assertEquals("rfq.pdf p.2: Line item 1: sterile gauze spo", found.get(0), found.toString());
    assertEquals(indexed, found.size(), "hybrid: each of the tenant's passages is ranked by its meaning");
    assertEquals("rfq.pdf p.1: Request for quotations. Quotes",
        passages(vertx, tenant, "when are quotations due", null).await().get(0));
    assertTrue(passages(vertx, tenant, "shipped to the hospital in Tampa", null).await().get(0)
        .startsWith("rfq.pdf p.2: "), "the passage holding the delivery, on its page");
    assertEquals(List.of(), passages(vertx, UUID.randomUUID(), "sterile gauze", null).await(), "another tenant's");
    assertEquals(List.of(), passages(vertx, tenant, "sterile gauze", "another-notice").await());
    assertEquals(found.size(), passages(vertx, tenant, "sterile gauze", noticeId()).await().size());

    step(vertx, DocumentSteps.INDEXED, DocumentSteps.RUNNING, 1).await();
    List<String> all = passages(vertx, tenant, "gauze", null, "semantic").await();
    assertEquals(indexed, all.size(), "delivered again: the same passages, once each: " + all);
    assertEquals(indexed, Set.copyOf(all).size(), all.toString());
    passedOver.add(2);
    step(vertx, DocumentSteps.INDEXED, DocumentSteps.RUNNING, 2).await();
    assertEquals(2, answers.size(), "an attempt the saga moved past is not answered");

    step(vertx, DocumentSteps.INDEXED, DocumentSteps.COMPENSATING, 1).await();
    assertEquals(List.of(), passages(vertx, tenant, "sterile gauze", null).await(), "undone: gone");
    step(vertx, DocumentSteps.INDEXED, DocumentSteps.RUNNING, 1).await();
    assertEquals(List.of(), passages(vertx, tenant, "sterile gauze", null).await(),
        "an attempt delivered after the undoing leaves nothing");
  }

  @Test
  @DisplayName("refuses a passage search without words (400) and a caller without a login (401)")
  void passageRefusals(Vertx vertx) {
    assertEquals(400, assertThrows(ReplyException.class, () -> passages(vertx, tenant, " ", null).await())
        .failureCode());
    assertEquals(401, assertThrows(ReplyException.class, () -> vertx.eventBus().request(Addresses.AI_PASSAGES,
        new JsonObject().put(ServiceRequest.QUERY, new JsonObject().put("q", new JsonArray().add("gauze")))).await())
        .failureCode());
  }
}
