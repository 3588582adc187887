package com.medcontracthub.opportunities.reports;

/** The SQL of the pipeline reports, in one place. */
final class ReportSql {

  private ReportSql() {
  }

  /** How many of the tenant's opportunities are at each stage. */
  static final String STAGE_COUNTS = """
      SELECT stage, count(*) AS entries FROM opportunities.pipeline_entries WHERE tenant_id = $1 GROUP BY stage
      """;

  /** The tenant's pipeline, soonest deadline first (none last), at most $2 entries. */
  static final String ENTRIES = """
      SELECT p.notice_id, o.title, o.full_parent_path_name AS agency, o.type_of_set_aside_description AS set_aside,
             o.response_deadline, p.stage, p.updated_at
      FROM opportunities.pipeline_entries p JOIN opportunities.opportunities o ON o.notice_id = p.notice_id
      WHERE p.tenant_id = $1
      ORDER BY coalesce(o.response_deadline, 'infinity'::timestamptz), p.notice_id
      LIMIT $2
      """;

  static final String COLUMNS = "id, tenant_id, week, blob, bytes, entries, requested_by, download_token, created_at";

  /** A report; a second weekly one of the same tenant and week is not written (the first is read instead). */
  static final String INSERT = """
      INSERT INTO opportunities.pipeline_reports (id, tenant_id, week, blob, bytes, entries, requested_by, download_token,
        created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT DO NOTHING
      RETURNING\s""" + COLUMNS;

  /** The report $1 when $2 is its download token and it was made after $3. */
  static final String LINKED = "SELECT " + COLUMNS
      + " FROM opportunities.pipeline_reports WHERE id = $1 AND download_token = $2 AND created_at > $3";

  /** How many reports the tenant asked for since $2. */
  static final String ASKED_SINCE = """
      SELECT count(*) FROM opportunities.pipeline_reports WHERE tenant_id = $1 AND week IS NULL AND created_at > $2
      """;

  static final String WEEKLY = "SELECT " + COLUMNS + " FROM opportunities.pipeline_reports WHERE tenant_id = $1 AND week = $2";

  static final String GET = "SELECT " + COLUMNS + " FROM opportunities.pipeline_reports WHERE id = $1 AND tenant_id = $2";

  /** The tenant's newest reports, at most $2. */
  static final String LIST = "SELECT " + COLUMNS
      + " FROM opportunities.pipeline_reports WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT $2";
}
