package com.medcontracthub.opportunities.saved;

/** The SQL of saved searches, in one place; every statement is scoped by tenant. */
final class SavedSearchSql {

  private SavedSearchSql() {
  }

  static final String COLUMNS = "id, name, filters, created_by, created_at, updated_at";

  static final String LIST = "SELECT " + COLUMNS + " FROM opportunities.saved_searches WHERE tenant_id = $1 ORDER BY lower(name), id";

  static final String GET = "SELECT " + COLUMNS + " FROM opportunities.saved_searches WHERE id = $1 AND tenant_id = $2";

  static final String INSERT = """
      INSERT INTO opportunities.saved_searches (id, tenant_id, created_by, name, filters, correlation_id)
      VALUES ($1, $2, $3, $4, $5, $6)
      RETURNING id, name, filters, created_by, created_at, updated_at
      """;

  static final String UPDATE = """
      UPDATE opportunities.saved_searches SET name = $3, filters = $4, correlation_id = $5, updated_at = now()
      WHERE id = $1 AND tenant_id = $2
      RETURNING id, name, filters, created_by, created_at, updated_at
      """;

  static final String DELETE = "DELETE FROM opportunities.saved_searches WHERE id = $1 AND tenant_id = $2";
}
