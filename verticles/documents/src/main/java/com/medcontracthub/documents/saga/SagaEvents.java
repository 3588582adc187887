package com.medcontracthub.documents.saga;

import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.documents.store.Document;
import com.medcontracthub.events.DocumentDeadLettered;
import com.medcontracthub.events.DocumentProcessed;
import com.medcontracthub.events.DocumentStepChanged;
import com.medcontracthub.events.DocumentUploaded;
import com.medcontracthub.events.Envelope;
import com.medcontracthub.events.StepError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** The events the saga writes, each with the upload's correlation id and keyed by the document. */
final class SagaEvents {

  static final String SOURCE = "documents";

  private SagaEvents() {
  }

  /** Told as of the upload's recorded time, so the event's day is the row's (reconciling counts both by day). */
  static DocumentUploaded uploaded(Document document) {
    return DocumentUploaded.newBuilder()
        .setEnvelope(Events.envelope(DocumentUploaded.class, SOURCE, UUID.randomUUID(), document.createdAt(),
            document.correlationId(), document.tenant().toString(), document.id().toString()))
        .setDocumentId(document.id().toString()).setTenantId(document.tenant().toString())
        .setUserId(document.uploadedBy().toString()).setNoticeId(document.noticeId()).setFileName(document.fileName())
        .setMediaType(document.mediaType()).setBlob(document.blob()).setBytes(document.bytes()).build();
  }

  static DocumentStepChanged stepChanged(Document document, String step, String state, int attempt, Instant due,
      String reason) {
    return DocumentStepChanged.newBuilder()
        .setEnvelope(envelope(DocumentStepChanged.class, document))
        .setDocumentId(document.id().toString()).setTenantId(document.tenant().toString())
        .setUserId(document.uploadedBy().toString()).setNoticeId(document.noticeId()).setFileName(document.fileName())
        .setStep(step).setState(state).setAttempt(attempt).setDue(due).setReason(reason)
        .setMediaType(document.mediaType()).setBlob(document.blob()).setTextBlob(document.textBlob()).build();
  }

  static DocumentProcessed processed(Document document, String state, String reason) {
    return DocumentProcessed.newBuilder()
        .setEnvelope(envelope(DocumentProcessed.class, document))
        .setDocumentId(document.id().toString()).setTenantId(document.tenant().toString())
        .setUserId(document.uploadedBy().toString()).setFileName(document.fileName()).setNoticeId(document.noticeId())
        .setState(state).setPages(document.pages() == null ? 0 : document.pages()).setReason(reason).build();
  }

  /** {@code errors}: the step's {@code [{attempt, at, error}]}, as {@code document_steps} keeps them. */
  static DocumentDeadLettered deadLettered(Document document, String step, int attempts, JsonArray errors) {
    return DocumentDeadLettered.newBuilder()
        .setEnvelope(envelope(DocumentDeadLettered.class, document))
        .setDocumentId(document.id().toString()).setTenantId(document.tenant().toString())
        .setFileName(document.fileName()).setMediaType(document.mediaType()).setBlob(document.blob())
        .setStep(step).setAttempts(attempts)
        .setErrors(errors.stream().map(JsonObject.class::cast).map(e -> StepError.newBuilder()
            .setAttempt(e.getInteger("attempt")).setAt(Instant.parse(e.getString("at"))).setError(e.getString("error"))
            .build()).toList())
        .build();
  }

  private static Envelope envelope(Class<? extends SpecificRecord> type, Document document) {
    return Events.envelope(type, SOURCE, document.correlationId(), document.tenant().toString(),
        document.id().toString());
  }
}
