package com.medcontracthub.analytics.store;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the two stores' SQL differs. Everything else is written once, in SQL both accept: DuckDB and ClickHouse
 * 18.16 (the oldest server the product supports: no window functions, no query parameters, positional GROUP BY
 * silently a constant).
 */
public enum Dialect {

  DUCKDB("VARCHAR", "INTEGER", "BIGINT", "", " PRIMARY KEY", ""),
  /**
   * Rows of the same event collapse in the background (the queries count right meanwhile: {@link AnalyticsSql}). The
   * migrations' record is a MergeTree too: two JVMs may write it at once, which a Log table does not bear.
   */
  CLICKHOUSE("String", "Int32", "Int64", " ENGINE = ReplacingMergeTree() ORDER BY event_id", "",
      " ENGINE = MergeTree() ORDER BY version");

  final String text;
  final String int32;
  final String int64;
  final String eventsEngine;
  final String eventKey;
  final String versionsEngine;

  Dialect(String text, String int32, String int64, String eventsEngine, String eventKey, String versionsEngine) {
    this.text = text;
    this.int32 = int32;
    this.int64 = int64;
    this.eventsEngine = eventsEngine;
    this.eventKey = eventKey;
    this.versionsEngine = versionsEngine;
  }

  /**
   * Adds text columns (empty in the rows already stored) unless they are there: DuckDB says so statement by statement;
   * ClickHouse 18.16 knows no {@code IF NOT EXISTS} here, so its one statement adds all or none and a second run fails
   * as {@link #alreadyApplied} (two JVMs may start together).
   */
  String addTextColumns(String table, String... columns) {
    List<String> added = Arrays.stream(columns).map(column -> "ADD COLUMN "
        + (this == CLICKHOUSE ? "" : "IF NOT EXISTS ") + column + " " + text + " DEFAULT ''").toList();
    return this == CLICKHOUSE ? "ALTER TABLE " + table + " " + String.join(", ", added)
        : added.stream().map(add -> "ALTER TABLE " + table + " " + add).collect(Collectors.joining("; "));
  }

  /** Whether a migration failed only because it had been applied already (by another JVM starting with this one). */
  static boolean alreadyApplied(Throwable failure) {
    return failure.getMessage() != null && failure.getMessage().contains("column with this name already exists");
  }

  /**
   * How many events there are: DuckDB's primary key holds each once; ClickHouse may hold one twice until its merge, so
   * there they are told apart by id (which would cost DuckDB three to five times a plain count).
   */
  String countEvents() {
    return this == CLICKHOUSE ? "count(DISTINCT event_id)" : "count(*)";
  }

  /** The first millisecond of the UTC hour of a time in milliseconds (integer division differs between the two). */
  String hourStart(String millis) {
    return this == CLICKHOUSE ? "intDiv(" + millis + ", 3600000) * 3600000" : "(" + millis + " // 3600000) * 3600000";
  }

  /**
   * The {@code q} quantile of a column over a group, as ClickHouse's {@code quantileExact} defines it: the element at
   * index {@code floor(q * n)} of the sorted values (DuckDB's {@code quantile_disc} picks another one, so its list is
   * indexed the same way instead).
   */
  String quantile(String column, double q) {
    return this == CLICKHOUSE
        ? "quantileExact(" + q + ")(" + column + ")"
        : "list_sort(list(" + column + "))[CAST(floor(" + q + " * count(*)) AS BIGINT) + 1]";
  }
}
