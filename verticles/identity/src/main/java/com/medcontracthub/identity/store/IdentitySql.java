package com.medcontracthub.identity.store;

/** The SQL of tenants and users, in one place. */
final class IdentitySql {

  private IdentitySql() {
  }

  static final String INSERT_TENANT = "INSERT INTO identity.tenants (id, name, correlation_id) VALUES ($1, $2, $3)";

  static final String TENANT_BY_NAME = "SELECT id FROM identity.tenants WHERE name = $1";

  static final String INSERT_USER = """
      INSERT INTO identity.users (id, tenant_id, email, password_hash, role, correlation_id)
      VALUES ($1, $2, $3, $4, $5, $6)
      """;

  static final String ACTIVE_BY_EMAIL = """
      SELECT id, tenant_id, password_hash, role, token_version
      FROM identity.users WHERE lower(email) = lower($1) AND removed_at IS NULL
      """;

  static final String PRINCIPAL = """
      SELECT id, tenant_id, role, email FROM identity.users WHERE id = $1 AND token_version = $2 AND removed_at IS NULL
      """;

  /** Those of the users $1 that are still users (not removed). */
  static final String ACTIVE = "SELECT id FROM identity.users WHERE id = ANY($1) AND removed_at IS NULL";

  static final String LIST = """
      SELECT id, email, role, created_at FROM identity.users
      WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY lower(email)
      """;

  /** Removing bumps the token version, so every token the user holds stops working. */
  static final String REMOVE = """
      UPDATE identity.users SET removed_at = now(), token_version = token_version + 1, correlation_id = $3
      WHERE id = $1 AND tenant_id = $2 AND removed_at IS NULL
      """;
}
