package com.medcontracthub.ai.documents;

import com.medcontracthub.ai.analysis.AnalysedDocument;
import com.medcontracthub.ai.analysis.DocumentRequirements;
import com.medcontracthub.ai.embed.Embedder;
import com.medcontracthub.ai.index.IndexClosing;
import com.medcontracthub.ai.index.NoticeIndex;
import com.medcontracthub.ai.store.AiStore;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.DocumentStepAnswered;
import com.medcontracthub.events.DocumentStepChanged;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.documents.DocumentPages;
import com.medcontracthub.platform.documents.StepAttempts;
import com.medcontracthub.platform.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the AI service's steps of a document's saga, from the text the OCR service stored: analysed (its
 * requirements found page by page and stored for the analyses of its notice) and indexed (its pages cut into
 * overlapping passages, embedded in batches and put in the index, on disk before the answer). Each attempt is taken
 * first (one the saga has moved past is passed over) and answered on the document events: done with what it made, or
 * an error, which the saga tries again. Both steps replace what an earlier attempt left, so a retried or redelivered
 * attempt leaves one copy. A document that failed later is undone (compensating): marked undone, its requirements or
 * passages removed, and nothing an attempt still running writes after that is kept. Counted in
 * {@code mch_ai_document_steps_total{step, outcome}}.
 */
public final class DocumentStepPerformer {

  static final String SOURCE = "ai";
  private static final Logger LOG = LoggerFactory.getLogger(DocumentStepPerformer.class);
  /** Passages embedded at a time: a long document waits its turn between batches, as searches do not. */
  private static final int BATCH = 32;
  /**
   * A step's work at most, then it is answered as an error: below the bridge's 300 s for the delivery, so a second
   * delivery of the same attempt does not start while the first still works.
   */
  static final long WORK_TIMEOUT_MS = 240_000;

  private final Vertx vertx;
  private final Embedder embedder;
  private final NoticeIndex index;
  private final AiStore store;
  private final DocumentPages texts;
  private final PageChunker chunker = new PageChunker();
  private final DocumentRequirements requirements = new DocumentRequirements();

  public DocumentStepPerformer(Vertx vertx, Embedder embedder, NoticeIndex index, AiStore store,
      DocumentPages texts) {
    this.vertx = vertx;
    this.embedder = embedder;
    this.index = index;
    this.store = store;
    this.texts = texts;
    for (String step : DocumentSteps.READING_TEXT) {
      List.of(DocumentSteps.DONE, DocumentSteps.ERROR, DocumentSteps.COMPENSATING).forEach(o -> counter(step, o));
    }
  }

  /**
   * What was answered; empty when the event asks nothing of this service (another step's, or not an attempt started),
   * when the attempt was passed over, or when it was undone. Fails when the attempt cannot be taken, answered or undone
   * now, or this service cannot work on it now (its index closing as the JVM stops, its model busy), so Kafka delivers
   * it again: such an attempt was not performed, and no attempt of the saga's is spent on it.
   */
  public Future<Optional<DocumentStepAnswered>> perform(DocumentStepChanged event) {
    if (!DocumentSteps.READING_TEXT.contains(event.getStep())) {
      return Future.succeededFuture(Optional.empty());
    }
    if (DocumentSteps.COMPENSATING.equals(event.getState())) {
      return Future.succeededFuture().compose(v -> undo(event)).map(Optional.empty());
    }
    if (!DocumentSteps.RUNNING.equals(event.getState())) {
      return Future.succeededFuture(Optional.empty());
    }
    return StepAttempts.take(vertx, event.getDocumentId(), event.getStep(), event.getAttempt()).compose(taken -> {
      if (!taken) {
        LOG.info("document {}: {} attempt {} passed over: the saga has moved on", event.getDocumentId(),
            event.getStep(), event.getAttempt());
        return Future.succeededFuture(Optional.empty());
      }
      return Future.succeededFuture().compose(v -> work(event))
          .timeout(WORK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .map(found -> answer(event, DocumentSteps.DONE, null).setFound(found).build())
          .recover(e -> {
            if (notNow(e)) {
              LOG.info("document {}: {} attempt {} not performed now ({}); Kafka delivers it again",
                  event.getDocumentId(), event.getStep(), event.getAttempt(), e.getMessage());
              return Future.failedFuture(e);
            }
            LOG.warn("document {}: {} attempt {} failed: {}", event.getDocumentId(), event.getStep(),
                event.getAttempt(), e.toString());
            return Future.succeededFuture(answer(event, DocumentSteps.ERROR, "the AI service could not "
                + (DocumentSteps.ANALYSED.equals(event.getStep()) ? "analyse" : "index") + " it this time ("
                + e.getClass().getSimpleName() + ")").build());
          })
          .compose(answer -> StepAttempts.tell(vertx, Addresses.AI_EVENTS, event.getDocumentId(), answer))
          .onSuccess(answer -> counter(event.getStep(), answer.getState()).increment())
          .map(Optional::of);
    });
  }

  /** The JVM stops, or the model has more texts waiting than it takes: another delivery, here or elsewhere, will do. */
  private static boolean notNow(Throwable e) {
    return e instanceof IndexClosing || e instanceof Refusal refusal && refusal.status() == 503;
  }

  /** What the step made: the requirements found, or the passages indexed. */
  private Future<Integer> work(DocumentStepChanged event) {
    if (event.getTextBlob() == null) {
      return Future.failedFuture(new IllegalStateException("the document's text is not stored"));
    }
    UUID id = UUID.fromString(event.getDocumentId());
    UUID tenant = UUID.fromString(event.getTenantId());
    return texts.of(event.getTextBlob(), false).compose(pages -> DocumentSteps.ANALYSED.equals(event.getStep())
        ? vertx.executeBlocking(() -> requirements.of(id, event.getFileName(), pages), false)
            .compose(found -> store.putDocumentRequirements(new AnalysedDocument(id, tenant, event.getNoticeId(),
                event.getFileName(), pages.size(), found)).map(found.size()))
        : index(id, tenant, event, pages));
  }

  /**
   * The passages put, then, if the document was undone meanwhile (an undoing that ran before the put, as a redelivered
   * attempt can), taken out again: an undone document keeps no passage.
   */
  private Future<Integer> index(UUID id, UUID tenant, DocumentStepChanged event, JsonArray pages) {
    return vertx.executeBlocking(() -> chunker.passages(id, tenant, event.getNoticeId(), event.getFileName(), pages),
        false).compose(passages -> {
          Future<List<float[]>> vectors = Future.succeededFuture(new ArrayList<>(passages.size()));
          for (int from = 0; from < passages.size(); from += BATCH) {
            List<String> batch = passages.subList(from, Math.min(passages.size(), from + BATCH)).stream()
                .map(DocumentPassage::text).toList();
            vectors = vectors.compose(all -> embedder.embedAll(batch).map(some -> {
              all.addAll(some);
              return all;
            }));
          }
          return vectors.compose(all -> index.putPassages(tenant, id, passages, all))
              .compose(v -> index.durable())
              .compose(v -> store.undone(id))
              .compose(undone -> undone ? index.removeDocument(tenant, id).compose(v -> index.durable())
                  : Future.succeededFuture())
              .map(passages.size());
        });
  }

  /**
   * Marks the document undone first, so an attempt still running cannot put back what is removed (its requirements are
   * stored only while the document is not undone; its passages are checked after they are put).
   */
  private Future<Void> undo(DocumentStepChanged event) {
    UUID id = UUID.fromString(event.getDocumentId());
    UUID tenant = UUID.fromString(event.getTenantId());
    return store.markUndone(id)
        .compose(v -> DocumentSteps.ANALYSED.equals(event.getStep()) ? store.removeDocumentRequirements(id)
            : index.removeDocument(tenant, id).compose(removed -> index.durable()))
        .onSuccess(v -> {
          LOG.info("document {}: its {} step undone ({})", id, event.getStep(), event.getReason());
          counter(event.getStep(), DocumentSteps.COMPENSATING).increment();
        });
  }

  private static DocumentStepAnswered.Builder answer(DocumentStepChanged event, String state, String reason) {
    return DocumentStepAnswered.newBuilder()
        .setEnvelope(Events.envelope(DocumentStepAnswered.class, SOURCE, event.getEnvelope().getCorrelationId(),
            event.getTenantId(), event.getDocumentId()))
        .setDocumentId(event.getDocumentId()).setTenantId(event.getTenantId()).setStep(event.getStep())
        .setAttempt(event.getAttempt()).setState(state).setReason(reason);
  }

  private static Counter counter(String step, String outcome) {
    return Counter.builder("mch_ai_document_steps").description("Document steps the AI service performed or undid")
        .tag("step", step).tag("outcome", outcome).register(Meters.registry());
  }
}
