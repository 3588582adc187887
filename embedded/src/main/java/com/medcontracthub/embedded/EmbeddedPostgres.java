package com.medcontracthub.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL 16 from the zonky binaries on the classpath, run as a child process. Its cluster directory is
 * initialised on first start only. As root, zonky runs initdb/postgres under {@code unshare -U}.
 */
final class EmbeddedPostgres implements EmbeddedComponent {

  static final String USER = "postgres";
  static final String DATABASE = "mch";

  private final String host;
  private final int port;
  private final Path dataDir;
  private final Path workDir;
  private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  EmbeddedPostgres(String host, int port, Path dataDir, Path workDir) {
    this.host = host;
    this.port = port;
    this.dataDir = dataDir;
    this.workDir = workDir;
  }

  /** A postmaster of this data directory left by a killed mch; see {@link OrphanProcess}. */
  static void stopOrphan(Path dataDir) {
    OrphanProcess.stop(dataDir.resolve("postmaster.pid"), "postgres");
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public void start() throws IOException {
    if (server != null) {
      return;
    }
    Files.createDirectories(dataDir.getParent());
    Files.createDirectories(workDir);
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres starting = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
        .builder()
        .setPort(port)
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(workDir.toFile())
        .setServerConfig("listen_addresses", host)
        .setServerConfig("max_connections", "200")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
    createDatabaseOnce(starting);
    server = starting;
  }

  private static void createDatabaseOnce(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server)
      throws IOException {
    try (Connection c = server.getDatabase(USER, "postgres").getConnection();
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IOException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String address() {
    return host + ":" + port;
  }

  /** The connection URI (trust authentication on loopback, as initialised by zonky). */
  String uri() {
    return "postgresql://" + USER + "@" + host + ":" + port + "/" + DATABASE;
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      try {
        server.close();
      } finally {
        server = null;
      }
    }
  }
}
