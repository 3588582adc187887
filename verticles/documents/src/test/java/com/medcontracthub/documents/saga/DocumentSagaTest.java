package com.medcontracthub.documents.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.documents.DocumentSagaVerticle;
import com.medcontracthub.documents.steps.AnsweredStep;
import com.medcontracthub.documents.steps.TextStep;
import com.medcontracthub.documents.store.Document;
import com.medcontracthub.documents.store.DocumentStore;
import com.medcontracthub.events.DocumentDeadLettered;
import com.medcontracthub.events.DocumentProcessed;
import com.medcontracthub.events.DocumentStepAnswered;
import com.medcontracthub.events.DocumentStepChanged;
import com.medcontracthub.events.DocumentTextExtracted;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The document-processing saga's engine against the embedded PostgreSQL: what it writes (the documents' rows and the
 * events in the outbox, which the relay publishes to Kafka) as steps are answered, time out and run out of attempts.
 * The answers are given as the step-results consumer gives them; no OCR service runs here.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The document-processing saga")
class DocumentSagaTest {

  private Pool pool;

  @BeforeEach
  void database(Vertx vertx) {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    pool = PgPools.create(vertx, settings(vertx, Map.of()));
  }

  @AfterEach
  void close() {
    pool.close();
  }

  /** The text step only, unless {@code documents} says otherwise. */
  private static MchConfig settings(Vertx vertx, Map<String, String> documents) {
    Map<String, String> set = new HashMap<>(Map.of(ConfigKeys.DOCUMENTS_STEPS, DocumentSteps.TEXT));
    set.putAll(documents);
    return ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of()).await()
        .with(set, "test");
  }

  private static Document upload() {
    UUID tenant = UUID.randomUUID();
    return new Document(UUID.randomUUID(), tenant, "notice-saga", UUID.randomUUID(), "rfq.pdf", "application/pdf",
        "0".repeat(64), 10, Document.PROCESSING, null, null, null, null, "correlation-" + UUID.randomUUID(),
        Instant.now(), null, new JsonArray());
  }

  @Test
  @DisplayName("a step that no service takes in time is tried again after its back-off; when its last attempt times "
      + "out the document fails, its uploader is told, and it goes to the dead-letter topic with each attempt's error")
  void timesOut(Vertx vertx, VertxTestContext ctx) {
    MchConfig config = settings(vertx, Map.of(ConfigKeys.DOCUMENTS_STEP_WAIT_MS, "300",
        ConfigKeys.DOCUMENTS_STEP_ATTEMPTS, "2", ConfigKeys.DOCUMENTS_RETRY_BACKOFF_MS, "200",
        ConfigKeys.DOCUMENTS_SWEEP_MS, "50"));
    Document uploaded = upload();
    vertx.deployVerticle(new DocumentSagaVerticle(config))
        .compose(id -> new DocumentSaga(pool, config.documents()).start(uploaded))
        .compose(v -> ended(vertx, uploaded, System.currentTimeMillis() + 20_000))
        .compose(read -> events(uploaded).map(events -> List.of(read, events)))
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          JsonObject read = (JsonObject) outcome.get(0);
          assertEquals("failed", read.getString("state"), read::encodePrettily);
          assertEquals("gave up after 2 attempts: not taken within 300 ms", read.getString("failure"));
          JsonObject text = read.getJsonObject("steps").getJsonObject("text");
          assertEquals(List.of("failed", 2), List.of(text.getString("state"), text.getInteger("attempt")));
          JsonArray errors = text.getJsonArray("errors");
          assertEquals(2, errors.size(), errors::encode);
          assertEquals(List.of(1, 2), List.of(errors.getJsonObject(0).getInteger("attempt"),
              errors.getJsonObject(1).getInteger("attempt")));
          List<?> events = (List<?>) outcome.get(1);
          assertEquals(List.of("DocumentUploaded", "text running 1", "text retrying 1", "text running 2",
              "text failed 2", "dead letter text 2", "text compensating 2", "DocumentProcessed failed"),
              events.stream().map(DocumentSagaTest::shown).toList());
          DocumentStepChanged retrying = (DocumentStepChanged) events.get(2);
          Instant failedAt = Instant.parse(errors.getJsonObject(0).getString("at"));
          long backoff = retrying.getDue().toEpochMilli() - failedAt.toEpochMilli();
          // the due time is told in whole milliseconds
          assertTrue(backoff >= 99 && backoff <= 301, "the first back-off is 200 ms with jitter: " + backoff);
          DocumentDeadLettered dead = (DocumentDeadLettered) events.get(5);
          assertEquals(List.of("not taken within 300 ms", "not taken within 300 ms"),
              dead.getErrors().stream().map(e -> e.getError()).toList());
          assertEquals(uploaded.blob(), dead.getBlob());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an error is tried again, the next attempt's answer completes the document, and answers told again or "
      + "late (Kafka redelivers, two OCR JVMs read it) change nothing and tell no one again")
  void errorThenDone(Vertx vertx, VertxTestContext ctx) {
    MchConfig config = settings(vertx, Map.of(ConfigKeys.DOCUMENTS_RETRY_BACKOFF_MS, "100",
        ConfigKeys.DOCUMENTS_SWEEP_MS, "50"));
    Document uploaded = upload();
    TextStep text = new TextStep(new DocumentSaga(pool, config.documents()));
    List<Boolean> taken = new ArrayList<>();
    vertx.deployVerticle(new DocumentSagaVerticle(config))
        .compose(id -> new DocumentSaga(pool, config.documents()).start(uploaded))
        .compose(v -> text.answered(answer(uploaded, 1, DocumentSteps.ERROR)).onSuccess(taken::add))
        .compose(v -> text.answered(answer(uploaded, 1, DocumentSteps.ERROR)).onSuccess(taken::add))
        .compose(v -> attempt(vertx, uploaded, 2, System.currentTimeMillis() + 20_000))
        .compose(v -> text.answered(answer(uploaded, 2, DocumentSteps.EXTRACTED)).onSuccess(taken::add))
        .compose(v -> text.answered(answer(uploaded, 2, DocumentSteps.EXTRACTED)).onSuccess(taken::add))
        .compose(v -> text.answered(answer(uploaded, 1, DocumentSteps.ERROR)).onSuccess(taken::add))
        .compose(v -> new DocumentStore(pool).get(uploaded.tenant(), uploaded.id()))
        .compose(read -> events(uploaded).map(events -> List.of(read.orElseThrow().toJson(), events)))
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          assertEquals(List.of(true, false, true, false, false), taken, "the error counted once, the text once");
          JsonObject read = (JsonObject) outcome.get(0);
          assertEquals("processed", read.getString("state"), read::encodePrettily);
          assertEquals(3, read.getInteger("pages"));
          JsonObject step = read.getJsonObject("steps").getJsonObject("text");
          assertEquals(List.of("done", 2, 1), List.of(step.getString("state"), step.getInteger("attempt"),
              step.getJsonArray("errors").size()));
          assertEquals(List.of("DocumentUploaded", "text running 1", "text retrying 1", "text running 2",
              "text done 2", "DocumentProcessed processed"),
              ((List<?>) outcome.get(1)).stream().map(DocumentSagaTest::shown).toList());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the AI service's steps follow the text step, each moved on by its answer; when one fails, each step "
      + "that was tried is told to undo what it left, the last first")
  void compensates(Vertx vertx, VertxTestContext ctx) {
    DocumentSaga saga = new DocumentSaga(pool, settings(vertx, Map.of(ConfigKeys.DOCUMENTS_STEPS,
        String.join(",", DocumentSteps.ALL))).documents());
    AnsweredStep answered = new AnsweredStep(saga);
    Document uploaded = upload();
    saga.start(uploaded)
        .compose(v -> new TextStep(saga).answered(answer(uploaded, 1, DocumentSteps.EXTRACTED)))
        .compose(v -> answered.answered(aiAnswer(uploaded, DocumentSteps.ANALYSED, DocumentSteps.DONE, null)))
        .compose(v -> answered.answered(aiAnswer(uploaded, DocumentSteps.INDEXED, DocumentSteps.FAILED,
            "the index refused it")))
        .compose(v -> new DocumentStore(pool).get(uploaded.tenant(), uploaded.id()))
        .compose(read -> events(uploaded).map(events -> List.of(read.orElseThrow().toJson(), events)))
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          JsonObject read = (JsonObject) outcome.get(0);
          assertEquals(List.of("failed", "the index refused it"), List.of(read.getString("state"),
              read.getString("failure")));
          assertEquals(List.of("done", "done", "failed"), DocumentSteps.ALL.stream()
              .map(step -> read.getJsonObject("steps").getJsonObject(step).getString("state")).toList());
          assertEquals(List.of("DocumentUploaded", "text running 1", "text done 1", "analysed running 1",
              "analysed done 1", "indexed running 1", "indexed failed 1", "indexed compensating 1",
              "analysed compensating 1", "text compensating 1", "DocumentProcessed failed"),
              ((List<?>) outcome.get(1)).stream().map(DocumentSagaTest::shown).toList());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the AI service's answer to an attempt not running (an unknown step, a repeated answer) changes nothing")
  void answersOutOfTurn(Vertx vertx, VertxTestContext ctx) {
    DocumentSaga saga = new DocumentSaga(pool, settings(vertx, Map.of(ConfigKeys.DOCUMENTS_STEPS,
        String.join(",", DocumentSteps.ALL))).documents());
    AnsweredStep answered = new AnsweredStep(saga);
    Document uploaded = upload();
    List<Boolean> taken = new ArrayList<>();
    saga.start(uploaded)
        .compose(v -> answered.answered(aiAnswer(uploaded, DocumentSteps.ANALYSED, DocumentSteps.DONE, null)))
        .onSuccess(taken::add)
        .compose(v -> new TextStep(saga).answered(answer(uploaded, 1, DocumentSteps.EXTRACTED)))
        .compose(v -> answered.answered(aiAnswer(uploaded, "summarised", DocumentSteps.DONE, null)))
        .onSuccess(taken::add)
        .compose(v -> answered.answered(aiAnswer(uploaded, DocumentSteps.ANALYSED, DocumentSteps.DONE, null)))
        .onSuccess(taken::add)
        .compose(v -> answered.answered(aiAnswer(uploaded, DocumentSteps.ANALYSED, DocumentSteps.DONE, null)))
        .onSuccess(taken::add)
        .compose(v -> read(uploaded))
        .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
          assertEquals(List.of(false, false, true, false), taken, "before its turn; no such step; taken; again");
          assertEquals(List.of("done", "done", "running"), DocumentSteps.ALL.stream()
              .map(step -> read.getJsonObject("steps").getJsonObject(step).getString("state")).toList());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an attempt waits to be taken without timing out; taken, it has the step's timeout from then, once (a "
      + "second take does not extend it); a take of an attempt the saga has left, or of no document, is refused")
  void taken(Vertx vertx, VertxTestContext ctx) {
    MchConfig config = settings(vertx, Map.of(ConfigKeys.DOCUMENTS_STEP_WAIT_MS, "60000",
        ConfigKeys.DOCUMENTS_STEP_TIMEOUT_MS, "300", ConfigKeys.DOCUMENTS_RETRY_BACKOFF_MS, "100",
        ConfigKeys.DOCUMENTS_SWEEP_MS, "50"));
    DocumentSaga saga = new DocumentSaga(pool, config.documents());
    Document uploaded = upload();
    List<Object> seen = new ArrayList<>();
    vertx.deployVerticle(new DocumentSagaVerticle(config))
        .compose(id -> saga.start(uploaded))
        .compose(v -> read(uploaded)).onSuccess(read -> seen.add(textStep(read)))
        .compose(v -> saga.taken(uploaded.id(), DocumentSteps.TEXT, 1)).onSuccess(seen::add)
        .compose(v -> read(uploaded)).onSuccess(read -> seen.add(textStep(read)))
        .compose(v -> saga.taken(uploaded.id(), DocumentSteps.TEXT, 1)).onSuccess(seen::add)
        .compose(v -> read(uploaded)).onSuccess(read -> seen.add(textStep(read)))
        .compose(v -> attempt(vertx, uploaded, 2, System.currentTimeMillis() + 20_000))
        .onSuccess(read -> seen.add(textStep(read)))
        .compose(v -> saga.taken(uploaded.id(), DocumentSteps.TEXT, 1)).onSuccess(seen::add)
        .compose(v -> saga.taken(UUID.randomUUID(), DocumentSteps.TEXT, 1)).onSuccess(seen::add)
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          JsonObject waiting = (JsonObject) seen.get(0);
          JsonObject taken = (JsonObject) seen.get(2);
          JsonObject takenAgain = (JsonObject) seen.get(4);
          JsonObject retried = (JsonObject) seen.get(5);
          assertTrue(due(waiting).isAfter(Instant.now().plusSeconds(30)), "waits a minute to be taken: " + waiting);
          assertEquals(null, waiting.getValue("takenAt"));
          assertEquals(true, seen.get(1));
          assertTrue(due(taken).isBefore(due(waiting)), "taken: 300 ms to answer from then: " + taken);
          assertTrue(taken.getValue("takenAt") != null, taken::encode);
          assertEquals(true, seen.get(3), "a second take of the running attempt is allowed");
          assertEquals(List.of(due(taken), taken.getValue("takenAt")),
              List.of(due(takenAgain), takenAgain.getValue("takenAt")), "and changes nothing");
          assertEquals("no answer within 300 ms of being taken",
              retried.getJsonArray("errors").getJsonObject(0).getString("error"), retried::encode);
          assertEquals(List.of(false, false), seen.subList(6, 8), "attempt 1 has been left; no such document");
          ctx.completeNow();
        })));
  }

  private static JsonObject textStep(JsonObject document) {
    return document.getJsonObject("steps").getJsonObject(DocumentSteps.TEXT);
  }

  private static Instant due(JsonObject step) {
    return OffsetDateTime.parse(step.getString("due")).toInstant();
  }

  private static DocumentTextExtracted answer(Document document, int attempt, String state) {
    return DocumentTextExtracted.newBuilder()
        .setEnvelope(Events.envelope(DocumentTextExtracted.class, "ocr", document.correlationId(),
            document.tenant().toString(), document.id().toString()))
        .setDocumentId(document.id().toString()).setTenantId(document.tenant().toString()).setAttempt(attempt)
        .setState(state).setPages(DocumentSteps.EXTRACTED.equals(state) ? 3 : 0).setMeanConfidence(91)
        .setTextBlob(DocumentSteps.EXTRACTED.equals(state) ? "1".repeat(64) : null)
        .setReason(DocumentSteps.ERROR.equals(state) ? "the blob store is not mounted" : null).build();
  }

  private static DocumentStepAnswered aiAnswer(Document document, String step, String state, String reason) {
    return DocumentStepAnswered.newBuilder()
        .setEnvelope(Events.envelope(DocumentStepAnswered.class, "ai", document.correlationId(),
            document.tenant().toString(), document.id().toString()))
        .setDocumentId(document.id().toString()).setTenantId(document.tenant().toString()).setStep(step)
        .setAttempt(1).setState(state).setReason(reason).build();
  }

  /** What the saga wrote to the outbox for the document, in order. */
  private Future<List<SpecificRecord>> events(Document document) {
    return pool.preparedQuery("SELECT topic, value FROM platform.outbox WHERE record_key = $1 ORDER BY id")
        .execute(Tuple.of(document.id().toString())).map(rows -> {
          List<SpecificRecord> events = new ArrayList<>();
          for (Row row : rows) {
            SpecificRecord event = Events.decode(row.getBuffer("value").getBytes());
            assertEquals(event instanceof DocumentDeadLettered ? Topics.DOCUMENT_DEAD_LETTERS : Topics.DOCUMENT_EVENTS,
                row.getString("topic"));
            events.add(event);
          }
          return events;
        });
  }

  private static String shown(Object event) {
    if (event instanceof DocumentStepChanged step) {
      return step.getStep() + " " + step.getState() + " " + step.getAttempt();
    }
    if (event instanceof DocumentProcessed processed) {
      return "DocumentProcessed " + processed.getState();
    }
    if (event instanceof DocumentDeadLettered dead) {
      return "dead letter " + dead.getStep() + " " + dead.getAttempts();
    }
    return event.getClass().getSimpleName();
  }

  /** The document once its saga ended, read every 50 ms until the deadline. */
  private Future<JsonObject> ended(Vertx vertx, Document document, long deadline) {
    return read(document).compose(read -> !Document.PROCESSING.equals(read.getString("state"))
        ? Future.succeededFuture(read)
        : System.currentTimeMillis() > deadline ? Future.failedFuture(new AssertionError("not ended in time: " + read))
        : vertx.timer(50).compose(t -> ended(vertx, document, deadline)));
  }

  /** Once the text step's attempt {@code n} is running, read every 50 ms until the deadline. */
  private Future<JsonObject> attempt(Vertx vertx, Document document, int n, long deadline) {
    return read(document).compose(read -> {
      JsonObject text = read.getJsonObject("steps").getJsonObject("text");
      return DocumentSteps.RUNNING.equals(text.getString("state")) && text.getInteger("attempt") == n
          ? Future.succeededFuture(read)
          : System.currentTimeMillis() > deadline ? Future.failedFuture(new AssertionError("not attempted: " + read))
          : vertx.timer(50).compose(t -> attempt(vertx, document, n, deadline));
    });
  }

  private Future<JsonObject> read(Document document) {
    return new DocumentStore(pool).get(document.tenant(), document.id()).map(found -> found.orElseThrow().toJson());
  }
}
