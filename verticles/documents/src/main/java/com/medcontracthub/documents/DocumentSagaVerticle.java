package com.medcontracthub.documents;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.documents.saga.DocumentSaga;
import com.medcontracthub.documents.steps.AnsweredStep;
import com.medcontracthub.documents.steps.TextStep;
import com.medcontracthub.events.DocumentStepAnswered;
import com.medcontracthub.events.DocumentTextExtracted;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves documents through their processing saga: each attempt a performer takes ({@link Addresses#DOCUMENTS_STEP_TAKEN}),
 * each step's answer, from Kafka ({@link Addresses#DOCUMENTS_STEP_RESULTS}), and every {@code documents.sweep-ms} the attempts past their time and the retries now due.
 */
public final class DocumentSagaVerticle extends ServiceVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(DocumentSagaVerticle.class);
  /** Past it the next sweep is scheduled anyway: a connection that hangs does not stop this JVM's sweeping. */
  private static final long SWEEP_TIMEOUT_MS = 60_000;

  private DocumentSaga saga;
  private long sweepTimer = -1;
  private boolean stopping;

  public DocumentSagaVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    saga = new DocumentSaga(pool(), config.documents());
    TextStep text = new TextStep(saga);
    AnsweredStep other = new AnsweredStep(saga);
    scheduleSweep();
    return Future.all(vertx.eventBus().<JsonObject>consumer(Addresses.DOCUMENTS_STEP_TAKEN, m -> saga.taken(
            UUID.fromString(m.body().getString(DocumentSteps.DOCUMENT_ID)), m.body().getString(DocumentSteps.STEP),
            m.body().getInteger(DocumentSteps.ATTEMPT))
        .onSuccess(taken -> m.reply(new JsonObject().put(DocumentSteps.TAKEN, taken)))
        .onFailure(e -> m.fail(503, e.getMessage()))).completion(),
        vertx.eventBus().<Object>consumer(Addresses.DOCUMENTS_STEP_RESULTS, m -> {
          // the topic carries every document event: only the steps' answers move the saga
          Future<?> answered = m.body() instanceof DocumentTextExtracted read ? text.answered(read)
              : m.body() instanceof DocumentStepAnswered event ? other.answered(event) : Future.succeededFuture();
          answered.onSuccess(v -> m.reply(null)).onFailure(e -> m.fail(503, e.getMessage()));
        }).completion());
  }

  /** One sweep at a time in this JVM: the next is scheduled when the last has ended. */
  private void scheduleSweep() {
    sweepTimer = vertx.setTimer(config.documents().sweepMs(), id -> saga.sweep()
        .timeout(SWEEP_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onSuccess(moved -> {
          if (moved > 0) {
            LOG.info("document steps moved on by the sweep: {}", moved);
          }
        })
        .onFailure(e -> LOG.warn("document saga sweep failed: {}", e.toString()))
        .onComplete(ar -> {
          if (!stopping) {
            scheduleSweep();
          }
        }));
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(sweepTimer);
    return super.stop();
  }
}
