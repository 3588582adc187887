package com.medcontracthub.analytics.store;

/**
 * Where the two stores' SQL differs. Everything else is written once, in SQL both accept: DuckDB and ClickHouse
 * 18.16 (the oldest server the product supports: no window functions, no query parameters, positional GROUP BY
 * silently a constant).
 */
public enum Dialect {

  DUCKDB("", "VARCHAR", "INTEGER", "BIGINT", "", " PRIMARY KEY", ""),
  /**
   * Rows of the same event collapse in the background; {@code FINAL} collapses them for a query meanwhile. The
   * migrations' record is a MergeTree too: two JVMs may write it at once, which a Log table does not bear.
   */
  CLICKHOUSE(" FINAL", "String", "Int32", "Int64", " ENGINE = ReplacingMergeTree() ORDER BY event_id", "",
      " ENGINE = MergeTree() ORDER BY version");

  private final String collapsed;
  final String text;
  final String int32;
  final String int64;
  final String eventsEngine;
  final String eventKey;
  final String versionsEngine;

  Dialect(String collapsed, String text, String int32, String int64, String eventsEngine, String eventKey,
      String versionsEngine) {
    this.collapsed = collapsed;
    this.text = text;
    this.int32 = int32;
    this.int64 = int64;
    this.eventsEngine = eventsEngine;
    this.eventKey = eventKey;
    this.versionsEngine = versionsEngine;
  }

  /** The events table, each event once. */
  String events() {
    return "events" + collapsed;
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
