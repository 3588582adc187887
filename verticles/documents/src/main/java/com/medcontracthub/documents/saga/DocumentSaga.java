package com.medcontracthub.documents.saga;

import static com.medcontracthub.codecs.DocumentSteps.COMPENSATING;
import static com.medcontracthub.codecs.DocumentSteps.DONE;
import static com.medcontracthub.codecs.DocumentSteps.FAILED;
import static com.medcontracthub.codecs.DocumentSteps.RETRYING;
import static com.medcontracthub.codecs.DocumentSteps.RUNNING;
import static com.medcontracthub.platform.db.SqlTimes.utc;

import com.medcontracthub.codecs.Topics;
import com.medcontracthub.documents.store.Document;
import com.medcontracthub.documents.store.DocumentSql;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of the document-processing saga. A document's steps ({@code documents.steps}, in order) run one after the
 * other: each attempt of a step is told on the document events ({@code DocumentStepChanged}, running, with its due
 * time) for the service that performs it, which takes it ({@link #taken}: its time to answer starts then, so a backlog
 * in Kafka does not time out attempts no one has begun) and answers through {@link #answered}. An error, or no answer
 * by the due time ({@link #sweep}), is tried again after a growing, jittered back-off; the last attempt's error fails the
 * document and puts the step, with every attempt's error, on the dead-letter topic. A document that fails tells each
 * step that was tried to undo what it left (compensating, last first), and its uploader hears of the end
 * ({@code DocumentProcessed}).
 *
 * <p>Every transition runs in one transaction with the document's row locked, and writes its events to the outbox in
 * it: any number of documents JVMs move sagas without moving one twice, and none is lost to a crash. The due times are
 * this JVM's clock's, compared with the database's by the sweep: the clocks of the cluster are assumed to agree within
 * a second or so (NTP).
 */
public final class DocumentSaga {

  private static final Logger LOG = LoggerFactory.getLogger(DocumentSaga.class);
  private static final int SWEEP_BATCH = 100;

  private final Pool pool;
  private final List<String> steps;
  private final long stepWaitMs;
  private final long stepTimeoutMs;
  private final int attempts;
  private final RetryBackoff backoff;

  public DocumentSaga(Pool pool, MchConfig.Documents settings) {
    this.pool = pool;
    this.steps = settings.steps();
    this.stepWaitMs = settings.stepWaitMs();
    this.stepTimeoutMs = settings.stepTimeoutMs();
    this.attempts = settings.stepAttempts();
    this.backoff = new RetryBackoff(settings.retryBackoffMs(), () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * An uploaded document: recorded, told ({@code DocumentUploaded}) and its steps listed, the first one started (with
   * none, it is processed at once).
   */
  public Future<Void> start(Document uploaded) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      rows.add(Tuple.of(uploaded.id(), steps.get(i), i));
    }
    return pool.withTransaction(conn -> conn.preparedQuery(DocumentSql.INSERT)
        .execute(Tuple.from(new Object[] {uploaded.id(), uploaded.tenant(), uploaded.noticeId(), uploaded.uploadedBy(),
            uploaded.fileName(), uploaded.mediaType(), uploaded.blob(), uploaded.bytes(), uploaded.correlationId(),
            utc(uploaded.createdAt())}))
        .compose(v -> emit(conn, SagaEvents.uploaded(uploaded)))
        .compose(v -> rows.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(DocumentSql.INSERT_STEP)
            .executeBatch(rows))
        .compose(v -> lock(conn, uploaded.id()))
        .compose(document -> next(conn, document, -1)));
  }

  /**
   * A step's answer, taken only while the step waits for one: a repeated or late answer changes nothing; an error
   * counts only for the attempt now running (not one timed out or already counted, and not a redelivered one). {@code record} keeps what a done step brought (the text read) in the same
   * transaction, before the saga moves on. Whether it was taken.
   */
  public Future<Boolean> answered(UUID documentId, String step, int attempt, StepOutcome outcome,
      Function<SqlConnection, Future<?>> record) {
    return pool.withTransaction(conn -> lock(conn, documentId).compose(document -> document == null
        ? Future.succeededFuture(false)
        : step(conn, documentId, step).compose(found -> {
          if (found == null || !found.waiting() || outcome instanceof StepOutcome.Error
              && !(RUNNING.equals(found.state()) && attempt == found.attempt())) {
            return Future.succeededFuture(false);
          }
          Future<Void> moved;
          if (outcome instanceof StepOutcome.Error error) {
            moved = error(conn, document, found, error.reason());
          } else if (outcome instanceof StepOutcome.Failed failed) {
            moved = fail(conn, document, found, found.errors(), failed.reason(), false);
          } else {
            moved = record.apply(conn).compose(v -> lock(conn, documentId)).compose(read -> done(conn, read, found));
          }
          return moved.map(true);
        })));
  }

  /**
   * A performer took an attempt it was told of: whether that attempt is still the one running (a performer passes over
   * one that is not: the saga has moved on). The first take gives it {@code documents.step-timeout-ms} from now to
   * answer; a later one (Kafka gave the attempt to another JVM when the first died) does not extend that, so a document
   * that kills its performers still runs out of time and attempts.
   */
  public Future<Boolean> taken(UUID documentId, String step, int attempt) {
    OffsetDateTime due = OffsetDateTime.ofInstant(Instant.now().plusMillis(stepTimeoutMs), ZoneOffset.UTC);
    return pool.withTransaction(conn -> lock(conn, documentId).compose(document -> document == null
        ? Future.succeededFuture(false)
        : conn.preparedQuery(DocumentSql.TAKE_STEP).execute(Tuple.of(documentId, step, attempt, due))
            .map(rows -> rows.size() > 0)));
  }

  /**
   * Attempts past their due time become errors, and retries now due start their attempt: up to a batch, each document
   * in a transaction of its own, which a document being moved elsewhere (an answer, another JVM's sweep) passes over.
   * A document that cannot be moved is logged and left for the next sweep; the others move. How many steps moved.
   */
  public Future<Integer> sweep() {
    return pool.preparedQuery(DocumentSql.DUE_STEPS).execute(Tuple.of(SWEEP_BATCH)).compose(due -> {
      Future<Integer> moved = Future.succeededFuture(0);
      for (Row row : due) {
        UUID id = row.getUUID("document_id");
        String step = row.getString("step");
        moved = moved.compose(n -> pool.withTransaction(conn -> claim(conn, id).compose(document -> document == null
                ? Future.succeededFuture(false)
                : step(conn, id, step).compose(found -> overdue(conn, document, found))))
            .otherwise(e -> {
              LOG.warn("document {}: its due {} step not moved: {}", id, step, e.toString());
              return false;
            })
            .map(stepped -> stepped ? n + 1 : n));
      }
      return moved;
    });
  }

  /** A step found due, looked at again now that its document is locked: an answer may have come meanwhile. */
  private Future<Boolean> overdue(SqlConnection conn, Document document, StepRow found) {
    if (found == null || !found.waiting() || found.due().isAfter(Instant.now())) {
      return Future.succeededFuture(false);
    }
    Future<Void> moved = RUNNING.equals(found.state())
        ? error(conn, document, found, found.taken() ? "no answer within " + stepTimeoutMs + " ms of being taken"
            : "not taken within " + stepWaitMs + " ms")
        : begin(conn, document, found, found.attempt() + 1);
    return moved.map(true);
  }

  private Future<Void> next(SqlConnection conn, Document document, int position) {
    return conn.preparedQuery(DocumentSql.NEXT_STEP).execute(Tuple.of(document.id(), position)).compose(rows ->
        rows.size() == 0 ? end(conn, document, Document.PROCESSED, null)
            : begin(conn, document, StepRow.of(rows.iterator().next()), 1));
  }

  private Future<Void> begin(SqlConnection conn, Document document, StepRow step, int attempt) {
    Instant due = Instant.now().plusMillis(stepWaitMs);
    return move(conn, document, step, RUNNING, attempt, due, step.errors())
        .compose(v -> emit(conn, SagaEvents.stepChanged(document, step.step(), RUNNING, attempt, due, null)));
  }

  private Future<Void> done(SqlConnection conn, Document document, StepRow step) {
    return move(conn, document, step, DONE, step.attempt(), null, step.errors())
        .compose(v -> emit(conn, SagaEvents.stepChanged(document, step.step(), DONE, step.attempt(), null, null)))
        .compose(v -> next(conn, document, step.position()));
  }

  private Future<Void> error(SqlConnection conn, Document document, StepRow step, String reason) {
    JsonArray errors = step.errors().copy().add(new JsonObject().put("attempt", step.attempt())
        .put("at", Instant.now().toString()).put("error", reason));
    if (step.attempt() >= attempts) {
      return fail(conn, document, step, errors,
          "gave up after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + reason, true);
    }
    Instant due = Instant.now().plusMillis(backoff.afterAttempt(step.attempt()));
    return move(conn, document, step, RETRYING, step.attempt(), due, errors)
        .compose(v -> emit(conn, SagaEvents.stepChanged(document, step.step(), RETRYING, step.attempt(), due, reason)));
  }

  /** The step and its document fail; each step that was tried is told to undo what it left, the last first. */
  private Future<Void> fail(SqlConnection conn, Document document, StepRow step, JsonArray errors, String reason,
      boolean deadLetter) {
    return move(conn, document, step, FAILED, step.attempt(), null, errors)
        .compose(v -> emit(conn, SagaEvents.stepChanged(document, step.step(), FAILED, step.attempt(), null, reason)))
        .compose(v -> deadLetter ? Outbox.append(conn, Topics.DOCUMENT_DEAD_LETTERS,
            SagaEvents.deadLettered(document, step.step(), step.attempt(), errors)) : Future.succeededFuture())
        .compose(v -> conn.preparedQuery(DocumentSql.TRIED_STEPS).execute(Tuple.of(document.id())))
        .compose(tried -> {
          List<SpecificRecord> undo = new ArrayList<>();
          tried.forEach(row -> undo.add(SagaEvents.stepChanged(document, row.getString("step"), COMPENSATING,
              row.getInteger("attempt"), null, reason)));
          return Outbox.appendAll(conn, Topics.DOCUMENT_EVENTS, undo);
        })
        .compose(v -> end(conn, document, Document.FAILED, reason));
  }

  private Future<Void> end(SqlConnection conn, Document document, String state, String reason) {
    return conn.preparedQuery(DocumentSql.ENDED).execute(Tuple.of(document.id(), state, reason))
        .compose(v -> emit(conn, SagaEvents.processed(document, state, reason)));
  }

  private static Future<Void> move(SqlConnection conn, Document document, StepRow step, String state, int attempt,
      Instant due, JsonArray errors) {
    return conn.preparedQuery(DocumentSql.MOVE_STEP).execute(Tuple.from(new Object[] {document.id(), step.step(), state,
        attempt, due == null ? null : OffsetDateTime.ofInstant(due, ZoneOffset.UTC), errors})).mapEmpty();
  }

  private static Future<Void> emit(SqlConnection conn, SpecificRecord event) {
    return Outbox.append(conn, Topics.DOCUMENT_EVENTS, event);
  }

  private static Future<Document> lock(SqlConnection conn, UUID documentId) {
    return conn.preparedQuery(DocumentSql.LOCK).execute(Tuple.of(documentId))
        .map(rows -> rows.size() == 0 ? null : Document.of(rows.iterator().next()));
  }

  /** The document locked, or null when another transaction holds it (it is being moved) or it is gone. */
  private static Future<Document> claim(SqlConnection conn, UUID documentId) {
    return conn.preparedQuery(DocumentSql.CLAIM).execute(Tuple.of(documentId))
        .map(rows -> rows.size() == 0 ? null : Document.of(rows.iterator().next()));
  }

  private static Future<StepRow> step(SqlConnection conn, UUID documentId, String step) {
    return conn.preparedQuery(DocumentSql.STEP).execute(Tuple.of(documentId, step))
        .map(rows -> rows.size() == 0 ? null : StepRow.of(rows.iterator().next()));
  }

  /** A {@code document_steps} row. */
  private record StepRow(String step, int position, String state, int attempt, Instant due, boolean taken,
      JsonArray errors) {

    static StepRow of(Row row) {
      OffsetDateTime due = row.getOffsetDateTime("due_at");
      Object errors = row.getValue("errors");
      return new StepRow(row.getString("step"), row.getInteger("position"), row.getString("state"),
          row.getInteger("attempt"), due == null ? null : due.toInstant(), row.getValue("taken_at") != null,
          errors instanceof JsonArray array ? array : new JsonArray());
    }

    boolean waiting() {
      return RUNNING.equals(state) || RETRYING.equals(state);
    }
  }
}
