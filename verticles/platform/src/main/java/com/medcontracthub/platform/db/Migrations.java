package com.medcontracthub.platform.db;

import com.medcontracthub.platform.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned SQL of {@code migrations/} (on the classpath as {@code db/migration}) with Flyway: a history
 * table with checksums, and a refusal to run when an applied migration was changed. Blocking (JDBC): call it from
 * a command's main thread or a worker, never from an event loop.
 */
public final class Migrations {

  private Migrations() {
  }

  /** What a run did: how many migrations it applied and the schema version it left. */
  public record Outcome(int applied, String schemaVersion) {
  }

  public static Outcome apply(String postgresUri) {
    try {
      MigrateResult result = flyway(postgresUri).migrate();
      String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
      return new Outcome(result.migrationsExecuted, version == null ? "empty" : version);
    } catch (FlywayException e) {
      throw new ConfigException("postgres.uri: migrations not applied: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static Flyway flyway(String postgresUri) {
    URI uri = parse(postgresUri);
    String userInfo = uri.getUserInfo() == null ? "" : uri.getUserInfo();
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    String password = colon < 0 ? "" : userInfo.substring(colon + 1);
    String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath()
        + "?connectTimeout=10&socketTimeout=300";
    return Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .locations("classpath:db/migration")
        .connectRetries(0)
        .load();
  }

  private static URI parse(String postgresUri) {
    try {
      return new URI(postgresUri);
    } catch (URISyntaxException e) {
      throw new ConfigException("postgres.uri: not a URI: " + postgresUri);
    }
  }
}
