package com.medcontracthub.documents.steps;

import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.documents.saga.DocumentSaga;
import com.medcontracthub.documents.saga.StepOutcome;
import com.medcontracthub.documents.store.DocumentSql;
import com.medcontracthub.events.DocumentTextExtracted;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The text step's answers, from the OCR service ({@code DocumentTextExtracted}), as the saga takes them: text read is
 * done (its pages, confidence and text blob kept with the document), an unreadable document fails, an error is tried
 * again.
 */
public final class TextStep {

  private final DocumentSaga saga;

  public TextStep(DocumentSaga saga) {
    this.saga = saga;
  }

  /** Whether the saga took it (not when the step had its answer already). */
  public Future<Boolean> answered(DocumentTextExtracted event) {
    UUID id = UUID.fromString(event.getDocumentId());
    StepOutcome outcome = StepOutcome.of(event.getState(), DocumentSteps.EXTRACTED, event.getReason());
    return saga.answered(id, DocumentSteps.TEXT, event.getAttempt(), outcome, conn -> conn
        .preparedQuery(DocumentSql.TEXT_READ)
        .execute(Tuple.of(id, event.getPages(), event.getMeanConfidence(), event.getTextBlob())));
  }
}
