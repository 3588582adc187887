package com.medcontracthub.analytics.store;

import com.medcontracthub.analytics.ingest.EventRow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded store: a DuckDB file ({@code analytics.duckdb}) opened by one JVM. DuckDB's JDBC calls block, so they
 * run one at a time on a worker thread of their own; a call the caller stops waiting for ({@code timeoutMs}) still
 * finishes there before the next one starts. An event stored twice is ignored by its primary key.
 */
public final class DuckDbStore implements AnalyticsStore {

  static final String FILE = "analytics.duckdb";
  /**
   * A batch on its way in: a table of this connection only, with the columns this build writes, in their order (a file
   * a newer build migrated may have more).
   */
  private static final String STAGING = "events_staging";
  private static final String TEMP_CATALOG = "temp";
  private static final String STAGING_TABLE = "CREATE TEMP TABLE IF NOT EXISTS " + STAGING
      + " AS SELECT " + AnalyticsSql.EVENT_COLUMNS + " FROM events LIMIT 0";

  private final WorkerExecutor worker;
  private final Connection connection;
  private final long timeoutMs;

  private DuckDbStore(WorkerExecutor worker, Connection connection, long timeoutMs) {
    this.worker = worker;
    this.connection = connection;
    this.timeoutMs = timeoutMs;
  }

  /** Opens (or creates) the store's file in {@code dir}. */
  public static Future<AnalyticsStore> open(Vertx vertx, Path dir, long timeoutMs) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("mch-analytics-duckdb-" + dir.toAbsolutePath(), 1);
    return worker.<AnalyticsStore>executeBlocking(() -> {
      Files.createDirectories(dir);
      return new DuckDbStore(worker, DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(FILE)), timeoutMs);
    }).onFailure(e -> worker.close());
  }

  @Override
  public Dialect dialect() {
    return Dialect.DUCKDB;
  }

  @Override
  public Future<Void> migrate() {
    return Migrations.apply(Dialect.DUCKDB, this::execute, this::query);
  }

  /** Runs a statement that answers no rows. */
  Future<Void> execute(String sql) {
    return blocking(() -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
      return null;
    });
  }

  /**
   * The rows go through DuckDB's appender (a prepared statement runs row by row: ~50 times slower) into a temporary
   * table of this connection, from which the ones not stored yet are inserted, in one transaction.
   */
  @Override
  public Future<Void> insert(List<EventRow> rows) {
    return blocking(() -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute(STAGING_TABLE);
      }
      connection.setAutoCommit(false);
      try {
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(TEMP_CATALOG,
            DuckDBConnection.DEFAULT_SCHEMA, STAGING)) {
          for (EventRow row : rows) {
            appender.beginRow().append(row.eventId()).append(row.type()).append(row.source()).append(row.tenantId())
                .append(row.aggregateId()).append(row.noticeId()).append(row.state()).append(row.version())
                .append(row.pages()).append(row.occurredMs()).append(row.day()).append(row.month())
                .append(row.payload()).append(row.facts().department()).append(row.facts().naics())
                .append(row.facts().setAside()).append(row.facts().postedDay()).append(row.step()).endRow();
          }
        }
        try (Statement statement = connection.createStatement()) {
          statement.execute("INSERT OR IGNORE INTO events (" + AnalyticsSql.EVENT_COLUMNS + ") SELECT "
              + AnalyticsSql.EVENT_COLUMNS + " FROM " + STAGING);
          statement.execute("DELETE FROM " + STAGING);
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback(); // no part of a failed batch stays: it comes again whole
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
      return null;
    });
  }

  @Override
  public Future<List<JsonObject>> query(String sql) {
    return query(sql, timeoutMs);
  }

  @Override
  public Future<List<JsonObject>> query(String sql, long timeoutMs) {
    return blocking(timeoutMs, () -> {
      try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
        ResultSetMetaData columns = result.getMetaData();
        List<JsonObject> rows = new ArrayList<>();
        while (result.next()) {
          JsonObject row = new JsonObject();
          for (int i = 1; i <= columns.getColumnCount(); i++) {
            row.put(columns.getColumnLabel(i), value(result.getObject(i)));
          }
          rows.add(row);
        }
        return rows;
      }
    });
  }

  /** DuckDB's wide numbers (a sum's HUGEINT, a DECIMAL) as JSON numbers. */
  private static Object value(Object value) {
    if (value instanceof BigInteger big) {
      return big.longValueExact();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    return value;
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return blocking(timeoutMs, work);
  }

  private <T> Future<T> blocking(long timeoutMs, Callable<T> work) {
    return worker.executeBlocking(work).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public Future<Void> close() {
    return worker.executeBlocking(() -> {
      connection.close();
      return null;
    }).<Void>mapEmpty().eventually(worker::close);
  }
}
