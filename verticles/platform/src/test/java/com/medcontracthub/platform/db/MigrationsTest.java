package com.medcontracthub.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.testkit.TestInfrastructure;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each service's tables in its own schema, on a new database and on one made before the schemas, rows and all. */
@DisplayName("Database migrations")
class MigrationsTest {

  /** Every table, by the schema that owns it now. */
  /** Every service's tables that a database made before the services had schemas has too. */
  private static final Map<String, List<String>> TABLES = Map.of(
      "platform", List.of("outbox", "event_store", "processed_events"),
      "identity", List.of("tenants", "users"),
      "opportunities", List.of("opportunities", "saved_searches", "pipeline_entries", "notifications"),
      "realtime", List.of("comments", "notes", "note_operations"));
  /** The tables that came after. */
  private static final List<String> NEWER = List.of("opportunities.pipeline_emails", "opportunities.pipeline_reports",
      "documents.documents");

  @Test
  @DisplayName("a new database gets every service's tables in its own schema, each with its own history")
  void fresh() throws Exception {
    String uri = newDatabase();
    Migrations.Outcome outcome = Migrations.apply(uri);
    assertEquals("platform 1, identity 1, opportunities 3, realtime 2, documents 3, ai 2", outcome.schemaVersion());
    try (Connection c = connect(uri)) {
      TABLES.forEach((schema, tables) -> tables.forEach(table ->
          assertTrue(exists(c, schema + "." + table), schema + "." + table)));
      for (String table : NEWER) {
        assertTrue(exists(c, table), table);
      }
      for (String schema : TABLES.keySet()) {
        assertTrue(exists(c, schema + ".flyway_schema_history"), "a history in " + schema);
      }
      assertFalse(exists(c, "public.flyway_schema_history"), "no history in public");
    }
    assertEquals(0, Migrations.apply(uri).applied(), "a second run has nothing to do");
  }

  @Test
  @DisplayName("a database made by the migrations before the schemas keeps every row, moved to its service's schema, "
      + "and its comments learn their authors' addresses")
  void upgrade() throws Exception {
    String uri = newDatabase();
    Flyway.configure().dataSource(jdbc(uri), "postgres", "").locations("classpath:db/migration/legacy").load().migrate();
    Map<String, Long> before = new LinkedHashMap<>();
    Map<String, String> columns = new LinkedHashMap<>();
    try (Connection c = connect(uri); Statement s = c.createStatement()) {
      UUID tenant = UUID.randomUUID();
      UUID user = UUID.randomUUID();
      s.execute("INSERT INTO tenants (id, name, correlation_id) VALUES ('" + tenant + "', 'Acme', 'c')");
      s.execute("INSERT INTO users (id, tenant_id, email, password_hash, role, correlation_id) VALUES ('" + user
          + "', '" + tenant + "', 'a@acme.example', 'h', 'admin', 'c')");
      s.execute("INSERT INTO opportunities (notice_id, title, posted_date, active, content_hash, correlation_id) VALUES "
          + "('n1', 'Nitrile gloves', '2026-11-01', true, 'x', 'c'), ('n2', 'Exam tables', '2026-11-02', true, 'y', 'c')");
      s.execute("INSERT INTO saved_searches (id, tenant_id, created_by, name, filters, correlation_id) VALUES ('"
          + UUID.randomUUID() + "', '" + tenant + "', '" + user + "', 'gloves', '{\"q\": \"gloves\"}', 'c')");
      s.execute("INSERT INTO pipeline_entries (tenant_id, notice_id, stage, version, correlation_id) VALUES ('" + tenant
          + "', 'n1', 'bidding', 2, 'c')");
      s.execute("INSERT INTO event_store (aggregate_type, aggregate_id, version, event_id, type, tenant_id, payload, "
          + "correlation_id) VALUES ('pipeline', 'n1', 1, '" + UUID.randomUUID() + "', 'moved', '" + tenant + "', '{}', 'c')");
      s.execute("INSERT INTO outbox (event_id, topic, record_key, event_type, headers, value) VALUES ('"
          + UUID.randomUUID() + "', 'mch.opportunity.events', 'n1', 'OpportunityChanged', '{}', '\\x01'::bytea)");
      s.execute("INSERT INTO processed_events (consumer, event_id) VALUES ('notifications', '" + UUID.randomUUID() + "')");
      s.execute("INSERT INTO notifications (tenant_id, kind, notice_id, event_id, detail) VALUES ('" + tenant
          + "', 'saved-search', 'n2', '" + UUID.randomUUID() + "', '{}')");
      s.execute("INSERT INTO comments (tenant_id, notice_id, user_id, body) VALUES ('" + tenant + "', 'n1', '" + user
          + "', 'first'), ('" + tenant + "', 'n1', '" + user + "', 'second')");
      s.execute("INSERT INTO notes (tenant_id, notice_id, body, version) VALUES ('" + tenant + "', 'n1', 'ab', 1)");
      s.execute("INSERT INTO note_operations (tenant_id, notice_id, version, operation, op_id, user_id) VALUES ('"
          + tenant + "', 'n1', 1, '[\"ab\"]', 'op1', '" + user + "')");
      for (Map.Entry<String, List<String>> owned : TABLES.entrySet()) {
        for (String table : owned.getValue()) {
          columns.put(table, columns(c, table));
          before.put(table, digest(c, "public." + table, columns.get(table)));
        }
      }
    }

    Migrations.Outcome outcome = Migrations.apply(uri);

    assertEquals("platform 1, identity 1, opportunities 3, realtime 2, documents 3, ai 2", outcome.schemaVersion());
    try (Connection c = connect(uri); Statement s = c.createStatement()) {
      List<String> moved = new ArrayList<>();
      for (Map.Entry<String, List<String>> owned : TABLES.entrySet()) {
        for (String table : owned.getValue()) {
          assertFalse(exists(c, "public." + table), "public." + table + " is gone");
          assertEquals(before.get(table), digest(c, owned.getKey() + "." + table, columns.get(table)),
              "every row of " + table);
          moved.add(table);
        }
      }
      assertEquals(12, moved.size());
      try (ResultSet r = s.executeQuery("SELECT DISTINCT author_email FROM realtime.comments")) {
        assertTrue(r.next());
        assertEquals("a@acme.example", r.getString(1));
        assertFalse(r.next());
      }
      try (ResultSet r = s.executeQuery("INSERT INTO realtime.comments (tenant_id, notice_id, user_id, author_email, "
          + "body) SELECT tenant_id, notice_id, user_id, author_email, 'third' FROM realtime.comments LIMIT 1 "
          + "RETURNING id")) {
        assertTrue(r.next());
        assertEquals(3, r.getLong(1), "ids go on from the moved rows'");
      }
    }
    assertEquals(0, Migrations.apply(uri).applied(), "a second run has nothing to do");
  }

  /** A count and a hash of every row's {@code columns}, so a lost or changed row shows. */
  private static long digest(Connection c, String table, String columns) throws SQLException {
    try (ResultSet r = c.createStatement().executeQuery("SELECT count(*) * 1000003 + coalesce(sum(hashtext(row("
        + columns + ")::text)), 0) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** The columns of a table before the migration, in their order. */
  private static String columns(Connection c, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet r = c.createStatement().executeQuery("SELECT column_name FROM information_schema.columns "
        + "WHERE table_schema = 'public' AND table_name = '" + table + "' ORDER BY ordinal_position")) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    }
    return String.join(", ", names);
  }

  private static boolean exists(Connection c, String table) {
    try (ResultSet r = c.createStatement().executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
      r.next();
      return r.getBoolean(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A database of its own on the test PostgreSQL, so the test sees only what it did. */
  private static String newDatabase() throws Exception {
    String shared = TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI);
    String name = "migrations_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = connect(shared); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    URI uri = new URI(shared);
    return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), uri.getPort(), "/" + name, null, null).toString();
  }

  private static Connection connect(String uri) throws SQLException {
    return DriverManager.getConnection(jdbc(uri), "postgres", "");
  }

  private static String jdbc(String uri) {
    URI parsed = URI.create(uri);
    return "jdbc:postgresql://" + parsed.getHost() + ":" + parsed.getPort() + parsed.getPath();
  }
}
