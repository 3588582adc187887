package com.medcontracthub.documents.store;

/** The SQL of the documents service, in one place. */
final class DocumentSql {

  private DocumentSql() {
  }

  static final String COLUMNS = "id, tenant_id, notice_id, uploaded_by, file_name, media_type, blob, bytes, state, pages, "
      + "mean_confidence, text_blob, failure, created_at, extracted_at";

  static final String INSERT = """
      INSERT INTO documents.documents (id, tenant_id, notice_id, uploaded_by, file_name, media_type, blob, bytes, state,
        correlation_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'uploaded', $9)
      """;

  static final String GET = "SELECT " + COLUMNS + " FROM documents.documents WHERE id = $1 AND tenant_id = $2";

  static final String BY_NOTICE = "SELECT " + COLUMNS
      + " FROM documents.documents WHERE tenant_id = $1 AND notice_id = $2 ORDER BY created_at DESC LIMIT $3";

  /** What OCR read, recorded once: a second report of the same document (a redelivery, a second read) changes nothing. */
  static final String EXTRACTED = """
      UPDATE documents.documents
      SET state = $2, pages = $3, mean_confidence = $4, text_blob = $5, failure = $6, extracted_at = now()
      WHERE id = $1 AND state = 'uploaded'
      RETURNING\s""" + COLUMNS;
}
