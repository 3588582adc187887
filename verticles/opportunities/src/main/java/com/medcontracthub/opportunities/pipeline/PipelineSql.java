package com.medcontracthub.opportunities.pipeline;

/** The SQL of the bid pipeline and its events, in one place; every statement is scoped by tenant. */
final class PipelineSql {

  private PipelineSql() {
  }

  static final String OPPORTUNITY_EXISTS = "SELECT 1 FROM opportunities.opportunities WHERE notice_id = $1";

  /** The entry, locked for the transaction that moves it. */
  static final String CURRENT_FOR_UPDATE =
      "SELECT stage, version FROM opportunities.pipeline_entries WHERE tenant_id = $1 AND notice_id = $2 FOR UPDATE";

  /** The event, at the time its envelope says (what a republished event is rebuilt from). */
  static final String APPEND_EVENT = """
      INSERT INTO platform.event_store (aggregate_type, aggregate_id, version, event_id, type, tenant_id, payload, correlation_id,
        occurred_at)
      VALUES ('pipeline', $1, $2, $3, 'PipelineStageChanged', $4, $5, $6, $7)
      """;

  static final String UPSERT_ENTRY = """
      INSERT INTO opportunities.pipeline_entries (tenant_id, notice_id, stage, version, correlation_id)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (tenant_id, notice_id) DO UPDATE
        SET stage = EXCLUDED.stage, version = EXCLUDED.version, correlation_id = EXCLUDED.correlation_id,
            updated_at = now()
      """;

  /** The tenant's entries for its board, soonest deadline first (none last), at most $2, with how many there are. */
  static final String BOARD = """
      SELECT p.notice_id, o.title, o.full_parent_path_name AS agency, o.response_deadline, p.stage, p.version,
             p.updated_at, count(*) OVER () AS total
      FROM opportunities.pipeline_entries p JOIN opportunities.opportunities o ON o.notice_id = p.notice_id
      WHERE p.tenant_id = $1
      ORDER BY coalesce(o.response_deadline, 'infinity'::timestamptz), p.notice_id
      LIMIT $2
      """;

  static final String HISTORY = """
      SELECT version, event_id, payload, correlation_id, occurred_at FROM platform.event_store
      WHERE aggregate_type = 'pipeline' AND aggregate_id = $1 AND tenant_id = $2
      ORDER BY version
      """;

  /** The moves made since {@code $1} (null: every move). */
  static final String COUNT_MOVES_SINCE = """
      SELECT count(*) FROM platform.event_store
      WHERE aggregate_type = 'pipeline' AND ($1::timestamptz IS NULL OR occurred_at >= $1)
      """;

  /** The next {@code $4} moves made since {@code $1} (null: every move) after aggregate {@code $2}'s version {@code $3}. */
  static final String MOVES_AFTER = """
      SELECT aggregate_id, version, event_id, tenant_id, payload, correlation_id, occurred_at FROM platform.event_store
      WHERE aggregate_type = 'pipeline' AND ($1::timestamptz IS NULL OR occurred_at >= $1)
        AND (aggregate_id, version) > ($2, $3)
      ORDER BY aggregate_id, version
      LIMIT $4
      """;
}
