package com.medcontracthub.ai.store;

/** The AI service's SQL, in one place: its schema {@code ai} only. */
final class AiSql {

  static final String PROFILE = """
      SELECT capability, naics, certifications, past_wins FROM ai.profiles WHERE tenant_id = $1""";

  static final String PUT_PROFILE = """
      INSERT INTO ai.profiles (tenant_id, capability, naics, certifications, past_wins, updated_by, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, now())
      ON CONFLICT (tenant_id) DO UPDATE SET capability = excluded.capability, naics = excluded.naics,
        certifications = excluded.certifications, past_wins = excluded.past_wins, updated_by = excluded.updated_by,
        updated_at = now()""";

  static final String START_ANALYSIS = """
      INSERT INTO ai.analyses (tenant_id, notice_id, state, result, failure, requested_by, requested_at, finished_at)
      VALUES ($1, $2, 'running', NULL, NULL, $3, $4, NULL)
      ON CONFLICT (tenant_id, notice_id) DO UPDATE SET state = 'running', result = NULL, failure = NULL,
        requested_by = excluded.requested_by, requested_at = excluded.requested_at, finished_at = NULL""";

  /** Only the request it answers: a later request of the same analysis owns the row. */
  static final String FINISH_ANALYSIS = """
      UPDATE ai.analyses SET state = $4, result = $5, failure = $6, finished_at = now()
      WHERE tenant_id = $1 AND notice_id = $2 AND requested_at = $3""";

  static final String ANALYSIS = """
      SELECT state, result, failure, requested_at, finished_at FROM ai.analyses WHERE tenant_id = $1 AND notice_id = $2""";

  /** A document analysed again (a retried step) replaces what it had; an undone one stores nothing. */
  static final String PUT_DOCUMENT_REQUIREMENTS = """
      INSERT INTO ai.document_requirements (document_id, tenant_id, notice_id, file_name, pages, requirements)
      SELECT $1, $2, $3, $4, $5, $6
      WHERE NOT EXISTS (SELECT 1 FROM ai.undone_documents WHERE document_id = $1)
      ON CONFLICT (document_id) DO UPDATE SET pages = excluded.pages, requirements = excluded.requirements,
        analysed_at = now()""";

  static final String MARK_UNDONE = """
      INSERT INTO ai.undone_documents (document_id) VALUES ($1) ON CONFLICT (document_id) DO NOTHING""";

  static final String UNDONE = "SELECT 1 FROM ai.undone_documents WHERE document_id = $1";

  static final String REMOVE_DOCUMENT_REQUIREMENTS = "DELETE FROM ai.document_requirements WHERE document_id = $1";

  static final String DOCUMENT_REQUIREMENTS = """
      SELECT document_id, file_name, pages, requirements FROM ai.document_requirements
      WHERE tenant_id = $1 AND notice_id = $2 ORDER BY analysed_at DESC, document_id LIMIT $3""";

  private AiSql() {
  }
}
