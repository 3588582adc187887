package com.medcontracthub.analytics.store;

import com.medcontracthub.analytics.ingest.EventRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Where the analytics service keeps the events: a ClickHouse server or an embedded DuckDB file. Both take the same
 * rows and answer the same SQL ({@link AnalyticsSql}) with the same numbers; an event stored twice counts once.
 */
public interface AnalyticsStore {

  Dialect dialect();

  /** Brings the store's schema to the newest of {@link AnalyticsSql#migrations}. */
  Future<Void> migrate();

  /** Stores the rows; a row whose event is already stored changes nothing. */
  Future<Void> insert(List<EventRow> rows);

  /** The rows a query answers, each a column name → value (numbers as numbers), within the store's timeout. */
  Future<List<JsonObject>> query(String sql);

  /** As {@link #query(String)}, within {@code timeoutMs} (a scan of everything, which no request waits for). */
  Future<List<JsonObject>> query(String sql, long timeoutMs);

  Future<Void> close();
}
