package com.medcontracthub.opportunities.saved;

/** The SQL of saved searches, in one place; every statement is scoped by tenant. */
final class SavedSearchSql {

  private SavedSearchSql() {
  }

  static final String COLUMNS = "id, name, filters, alerts, time_zone, created_by, created_at, updated_at";

  static final String LIST = "SELECT " + COLUMNS + " FROM opportunities.saved_searches WHERE tenant_id = $1 ORDER BY lower(name), id";

  static final String GET = "SELECT " + COLUMNS + " FROM opportunities.saved_searches WHERE id = $1 AND tenant_id = $2";

  static final String INSERT = """
      INSERT INTO opportunities.saved_searches (id, tenant_id, created_by, name, filters, correlation_id, alerts,
        time_zone, owner_email, unsubscribe_token)
      VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, 'none'), coalesce($8, 'UTC'), $9, $10)
      RETURNING\s""" + COLUMNS;

  /** Alerts and time zone left out of the request stay as they were. */
  /** Name and filters by any user of the tenant; its e-mails (alerts, time zone) only by who saved it ($8). */
  static final String UPDATE = """
      UPDATE opportunities.saved_searches SET name = $3, filters = $4, correlation_id = $5,
        alerts = coalesce($6, alerts), time_zone = coalesce($7, time_zone), updated_at = now()
      WHERE id = $1 AND tenant_id = $2 AND (($6::text IS NULL AND $7::text IS NULL) OR created_by = $8)
      RETURNING\s""" + COLUMNS;

  /** The link in a digest: its search's id and secret, no tenant (the one who follows it is not logged in). */
  static final String UNSUBSCRIBE = """
      UPDATE opportunities.saved_searches SET alerts = 'none', updated_at = now()
      WHERE id = $1 AND unsubscribe_token = $2
      RETURNING name
      """;

  static final String DELETE = "DELETE FROM opportunities.saved_searches WHERE id = $1 AND tenant_id = $2";
}
