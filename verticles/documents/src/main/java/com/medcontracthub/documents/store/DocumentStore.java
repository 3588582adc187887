package com.medcontracthub.documents.store;

import com.medcontracthub.codecs.Topics;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.DocumentProcessed;
import com.medcontracthub.events.DocumentTextExtracted;
import com.medcontracthub.events.DocumentUploaded;
import com.medcontracthub.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Documents in PostgreSQL, always within one tenant; each change writes its event to the outbox in the same
 * transaction: {@code DocumentUploaded} (the OCR service reads it) and {@code DocumentProcessed} (its tenant's users
 * hear of it).
 */
public final class DocumentStore {

  static final String SOURCE = "documents";

  private final Pool pool;

  public DocumentStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Document> create(Document document, String correlationId) {
    DocumentUploaded uploaded = DocumentUploaded.newBuilder()
        .setEnvelope(Events.envelope(DocumentUploaded.class, SOURCE, correlationId, document.tenant().toString(),
            document.id().toString()))
        .setDocumentId(document.id().toString()).setTenantId(document.tenant().toString())
        .setUserId(document.uploadedBy().toString()).setNoticeId(document.noticeId()).setFileName(document.fileName())
        .setMediaType(document.mediaType()).setBlob(document.blob()).setBytes(document.bytes()).build();
    return pool.withTransaction(conn -> conn.preparedQuery(DocumentSql.INSERT)
            .execute(Tuple.from(new Object[] {document.id(), document.tenant(), document.noticeId(), document.uploadedBy(),
                document.fileName(), document.mediaType(), document.blob(), document.bytes(), correlationId}))
            .compose(v -> Outbox.appendAll(conn, Topics.DOCUMENT_EVENTS, List.of(uploaded))))
        .compose(v -> get(document.tenant(), document.id()).map(Optional::orElseThrow));
  }

  public Future<Optional<Document>> get(UUID tenant, UUID id) {
    return pool.preparedQuery(DocumentSql.GET).execute(Tuple.of(id, tenant)).map(DocumentStore::first);
  }

  public Future<List<Document>> byNotice(UUID tenant, String noticeId, int limit) {
    return pool.preparedQuery(DocumentSql.BY_NOTICE).execute(Tuple.of(tenant, noticeId, limit)).map(rows -> {
      List<Document> all = new ArrayList<>();
      rows.forEach(row -> all.add(Document.of(row)));
      return all;
    });
  }

  /**
   * Records what OCR read and tells the tenant, the first time only: a repeated report (Kafka redelivers, a document
   * read twice) changes nothing and tells no one again. The document, or empty when it was recorded already.
   */
  public Future<Optional<Document>> extracted(DocumentTextExtracted event) {
    UUID id = UUID.fromString(event.getDocumentId());
    String state = Document.EXTRACTED.equals(event.getState()) ? Document.EXTRACTED : Document.FAILED;
    return pool.withTransaction(conn -> conn.preparedQuery(DocumentSql.EXTRACTED)
        .execute(Tuple.from(new Object[] {id, state, event.getPages(), event.getMeanConfidence(), event.getTextBlob(),
            event.getReason()}))
        .compose(rows -> {
          Optional<Document> recorded = first(rows);
          return recorded.isEmpty() ? Future.succeededFuture(recorded)
              : Outbox.appendAll(conn, Topics.DOCUMENT_EVENTS, List.of(processed(recorded.get(),
                  event.getEnvelope().getCorrelationId()))).map(recorded);
        }));
  }

  private static DocumentProcessed processed(Document document, String correlationId) {
    return DocumentProcessed.newBuilder()
        .setEnvelope(Events.envelope(DocumentProcessed.class, SOURCE, correlationId, document.tenant().toString(),
            document.id().toString()))
        .setDocumentId(document.id().toString()).setTenantId(document.tenant().toString())
        .setUserId(document.uploadedBy().toString()).setFileName(document.fileName()).setNoticeId(document.noticeId())
        .setState(Document.EXTRACTED.equals(document.state()) ? "processed" : "failed")
        .setPages(document.pages() == null ? 0 : document.pages()).setReason(document.failure()).build();
  }

  private static Optional<Document> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Document.of(rows.iterator().next()));
  }
}
