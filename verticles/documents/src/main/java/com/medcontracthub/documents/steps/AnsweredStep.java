package com.medcontracthub.documents.steps;

import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.documents.saga.DocumentSaga;
import com.medcontracthub.documents.saga.StepOutcome;
import com.medcontracthub.events.DocumentStepAnswered;
import io.vertx.core.Future;
import java.util.UUID;

/**
 * The answers of the steps that keep what they made themselves (the AI service's analysed and indexed steps,
 * {@code DocumentStepAnswered}): done moves the saga on, failed fails the document, an error is tried again.
 */
public final class AnsweredStep {

  private final DocumentSaga saga;

  public AnsweredStep(DocumentSaga saga) {
    this.saga = saga;
  }

  /** Whether the saga took it (not when the step had its answer already, or the document has no such step). */
  public Future<Boolean> answered(DocumentStepAnswered event) {
    StepOutcome outcome = StepOutcome.of(event.getState(), DocumentSteps.DONE, event.getReason());
    return saga.answered(UUID.fromString(event.getDocumentId()), event.getStep(), event.getAttempt(), outcome,
        conn -> Future.succeededFuture());
  }
}
