package com.medcontracthub.platform.db;

import com.medcontracthub.platform.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned SQL of {@code migrations/<schema>/} (on the classpath as {@code db/migration/<schema>}) with
 * Flyway, one PostgreSQL schema and one history table per service, so a service's data can be migrated with the
 * service alone: a history with checksums, and a refusal to run when an applied migration was changed. A database
 * made before the services had schemas (a history in {@code public}) is first brought to the last of those
 * migrations ({@code migrations/legacy/}); each service's first migration then moves its tables, rows and all.
 * Blocking (JDBC): call it from a command's main thread or a worker, never from an event loop.
 */
public final class Migrations {

  private static final String LEGACY = "legacy";

  private Migrations() {
  }

  /** What a run did: how many migrations it applied, and the version it left in each schema. */
  public record Outcome(int applied, String schemaVersion) {
  }

  /** Migrates every schema. */
  public static Outcome apply(String postgresUri) {
    return apply(postgresUri, EnumSet.allOf(Schema.class));
  }

  /** Migrates these schemas, in {@link Schema}'s order. */
  public static Outcome apply(String postgresUri, Set<Schema> schemas) {
    Jdbc jdbc = Jdbc.of(postgresUri);
    try {
      int applied = hasLegacyHistory(jdbc) ? flyway(jdbc, "public", LEGACY).migrate().migrationsExecuted : 0;
      List<String> versions = new ArrayList<>();
      for (Schema schema : EnumSet.copyOf(schemas)) {
        MigrateResult result = flyway(jdbc, schema.sqlName(), schema.sqlName()).migrate();
        applied += result.migrationsExecuted;
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        versions.add(schema.sqlName() + " " + (version == null ? "empty" : version));
      }
      return new Outcome(applied, String.join(", ", versions));
    } catch (FlywayException e) {
      throw new ConfigException("postgres.uri: migrations not applied: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static boolean hasLegacyHistory(Jdbc jdbc) {
    try (Connection c = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
         ResultSet r = c.createStatement().executeQuery("SELECT to_regclass('public.flyway_schema_history') IS NOT NULL")) {
      return r.next() && r.getBoolean(1);
    } catch (SQLException e) {
      throw new ConfigException("postgres.uri: cannot reach the database to migrate it: " + e.getMessage());
    }
  }

  private static Flyway flyway(Jdbc jdbc, String schema, String folder) {
    return Flyway.configure()
        .dataSource(jdbc.url(), jdbc.user(), jdbc.password())
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .locations("classpath:db/migration/" + folder)
        .connectRetries(0)
        .load();
  }

  /** A {@code postgresql://user:password@host:port/db} URI as JDBC wants it. */
  private record Jdbc(String url, String user, String password) {

    static Jdbc of(String postgresUri) {
      URI uri = parse(postgresUri);
      String userInfo = uri.getUserInfo() == null ? "" : uri.getUserInfo();
      int colon = userInfo.indexOf(':');
      return new Jdbc("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath()
          + "?connectTimeout=10&socketTimeout=300",
          colon < 0 ? userInfo : userInfo.substring(0, colon), colon < 0 ? "" : userInfo.substring(colon + 1));
    }

    private static URI parse(String postgresUri) {
      try {
        return new URI(postgresUri);
      } catch (URISyntaxException e) {
        throw new ConfigException("postgres.uri: not a URI: " + postgresUri);
      }
    }
  }
}
