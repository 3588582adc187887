package com.medcontracthub.documents.store;

import com.medcontracthub.codecs.DailyCounts;

/** The SQL of the documents service, in one place: its documents and the steps of their processing saga. */
public final class DocumentSql {

  private DocumentSql() {
  }

  /** A document's columns, with its steps in order as a JSON array. */
  private static final String COLUMNS = """
      d.id, d.tenant_id, d.notice_id, d.uploaded_by, d.file_name, d.media_type, d.blob, d.bytes, d.state, d.pages,
      d.mean_confidence, d.text_blob, d.failure, d.correlation_id, d.created_at, d.ended_at,
      (SELECT coalesce(json_agg(json_build_object('step', s.step, 'state', s.state, 'attempt', s.attempt,
          'due', s.due_at, 'takenAt', s.taken_at, 'endedAt', s.ended_at, 'errors', s.errors) ORDER BY s.position),
          '[]')
        FROM documents.document_steps s WHERE s.document_id = d.id) AS steps
      """;

  public static final String INSERT = """
      INSERT INTO documents.documents (id, tenant_id, notice_id, uploaded_by, file_name, media_type, blob, bytes, state,
        correlation_id, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'processing', $9, $10)
      """;

  /** The service's {@link DailyCounts}: documents by the UTC day they were uploaded. */
  static final String DAILY_COUNTS = "SELECT '" + DailyCounts.DOCUMENT + "' AS aggregate, (created_at AT TIME ZONE"
      + " 'UTC')::date::text AS day, count(*) AS n FROM documents.documents GROUP BY 2";

  static final String GET = "SELECT " + COLUMNS + " FROM documents.documents d WHERE d.id = $1 AND d.tenant_id = $2";

  static final String BY_NOTICE = "SELECT " + COLUMNS
      + " FROM documents.documents d WHERE d.tenant_id = $1 AND d.notice_id = $2 ORDER BY d.created_at DESC LIMIT $3";

  /** The document, locked: its saga moves one transition at a time. */
  public static final String LOCK = "SELECT " + COLUMNS + " FROM documents.documents d WHERE d.id = $1 FOR UPDATE";

  /** The document, locked, unless another transaction holds it: then nothing. */
  public static final String CLAIM = "SELECT " + COLUMNS
      + " FROM documents.documents d WHERE d.id = $1 FOR UPDATE OF d SKIP LOCKED";

  /** What the text step read: its pages, their mean confidence and the blob of the text. */
  public static final String TEXT_READ = """
      UPDATE documents.documents SET pages = $2, mean_confidence = $3, text_blob = $4 WHERE id = $1
      """;

  public static final String ENDED = "UPDATE documents.documents SET state = $2, failure = $3, ended_at = now() WHERE id = $1";

  public static final String INSERT_STEP = """
      INSERT INTO documents.document_steps (document_id, step, position, state) VALUES ($1, $2, $3, 'pending')
      """;

  public static final String STEP = """
      SELECT step, position, state, attempt, due_at, taken_at, errors FROM documents.document_steps
      WHERE document_id = $1 AND step = $2
      """;

  /** The first step after a position not yet reached. */
  public static final String NEXT_STEP = """
      SELECT step, position, state, attempt, due_at, taken_at, errors FROM documents.document_steps
      WHERE document_id = $1 AND position > $2 AND state = 'pending' ORDER BY position LIMIT 1
      """;

  /** The steps that were tried, last first: what a failed document has to undo. */
  public static final String TRIED_STEPS = """
      SELECT step, attempt FROM documents.document_steps WHERE document_id = $1 AND attempt > 0 ORDER BY position DESC
      """;

  /** A step's new state, attempt, due time and errors; whatever it is now, no one has taken it yet. */
  public static final String MOVE_STEP = """
      UPDATE documents.document_steps
      SET state = $3, attempt = $4, due_at = $5, errors = $6, taken_at = NULL,
        started_at = coalesce(started_at, CASE WHEN $3 = 'running' THEN now() END),
        ended_at = CASE WHEN $3 IN ('done', 'failed') THEN now() END
      WHERE document_id = $1 AND step = $2
      """;

  /**
   * A running attempt taken by the service performing it: the first take moves its due time to $4; a later one (the
   * attempt given to another JVM) leaves it, and is refused once that time has passed (the sweep is about to try the
   * step again). A row when the attempt is still the one running, and in time.
   */
  public static final String TAKE_STEP = """
      UPDATE documents.document_steps
      SET due_at = CASE WHEN taken_at IS NULL THEN $4 ELSE due_at END, taken_at = coalesce(taken_at, now())
      WHERE document_id = $1 AND step = $2 AND state = 'running' AND attempt = $3
        AND (taken_at IS NULL OR due_at > now())
      RETURNING due_at
      """;

  /** Attempts past their time and retries now due, oldest first (each then claimed by one sweep). */
  public static final String DUE_STEPS = """
      SELECT document_id, step FROM documents.document_steps
      WHERE state IN ('running', 'retrying') AND due_at <= now()
      ORDER BY due_at LIMIT $1
      """;
}
