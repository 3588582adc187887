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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The embedded store: a DuckDB file ({@code analytics.duckdb}) opened by one JVM. DuckDB's JDBC calls block, so they
 * run one at a time on a worker thread of their own; a call the caller stops waiting for ({@code timeoutMs}) still
 * finishes there before the next one starts. An event stored twice is ignored by its primary key.
 */
public final class DuckDbStore implements AnalyticsStore {

  static final String FILE = "analytics.duckdb";
  private static final String INSERT = "INSERT OR IGNORE INTO events (event_id, type, source, tenant_id, aggregate_id,"
      + " notice_id, state, version, pages, occurred_ms, day, month, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
      + " ?, ?)";

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

  private Future<Void> execute(String sql) {
    return blocking(() -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
      return null;
    });
  }

  @Override
  public Future<Void> insert(List<EventRow> rows) {
    return blocking(() -> {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        for (EventRow row : rows) {
          insert.setString(1, row.eventId());
          insert.setString(2, row.type());
          insert.setString(3, row.source());
          insert.setString(4, row.tenantId());
          insert.setString(5, row.aggregateId());
          insert.setString(6, row.noticeId());
          insert.setString(7, row.state());
          insert.setInt(8, row.version());
          insert.setInt(9, row.pages());
          insert.setLong(10, row.occurredMs());
          insert.setString(11, row.day());
          insert.setString(12, row.month());
          insert.setString(13, row.payload());
          insert.addBatch();
        }
        insert.executeBatch();
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
    return blocking(() -> {
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
