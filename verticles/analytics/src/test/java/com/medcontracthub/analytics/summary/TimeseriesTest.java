package com.medcontracthub.analytics.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.medcontracthub.analytics.store.AnalyticsStore;
import com.medcontracthub.analytics.store.DuckDbStore;
import com.medcontracthub.platform.bus.BadQueryException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What a time series request may ask, on an empty DuckDB store, on 2026-12-07 (UTC). */
@ExtendWith(VertxExtension.class)
@DisplayName("A time series request")
class TimeseriesTest {

  private static final Clock DECEMBER_7 = Clock.fixed(Instant.parse("2026-12-07T15:30:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private AnalyticsStore store;
  private Timeseries series;

  @BeforeEach
  void open(Vertx vertx) {
    store = DuckDbStore.open(vertx, dir, 10_000).await();
    store.migrate().await();
    series = new Timeseries(store, DECEMBER_7);
  }

  @AfterEach
  void close() {
    store.close().await();
  }

  private static JsonObject query(String... nameAndValue) {
    JsonObject query = new JsonObject();
    for (int i = 0; i < nameAndValue.length; i += 2) {
      query.put(nameAndValue[i], new JsonArray().add(nameAndValue[i + 1]));
    }
    return query;
  }

  private String refused(JsonObject query) {
    BadQueryException refusal = assertThrows(BadQueryException.class, () -> series.of(UUID.randomUUID(), query));
    assertEquals(400, refusal.status());
    return refusal.getMessage();
  }

  @Test
  @DisplayName("without a range covers the last 30 days to today, by day, each 0 on an empty store")
  void defaults() {
    JsonObject answer = series.of(UUID.randomUUID(), query("metric", "pipeline-moves")).await();
    assertEquals("day", answer.getString("interval"));
    assertEquals("2026-11-08", answer.getString("from"));
    assertEquals("2026-12-07", answer.getString("to"));
    assertEquals(30, answer.getJsonArray("points").size());
    assertEquals(new JsonObject().put("at", "2026-12-07").put("value", 0L), answer.getJsonArray("points").getJsonObject(29));
  }

  @Test
  @DisplayName("by month covers the last 12 months; by hour the last 2 days")
  void defaultsByInterval() {
    JsonObject months = series.of(UUID.randomUUID(), query("metric", "pipeline-won", "interval", "month")).await();
    assertEquals("2026-01-01", months.getString("from"));
    assertEquals(12, months.getJsonArray("points").size());
    assertEquals("2026-12", months.getJsonArray("points").getJsonObject(11).getString("at"));
    JsonObject hours = series.of(UUID.randomUUID(), query("metric", "pipeline-won", "interval", "hour")).await();
    assertEquals(48, hours.getJsonArray("points").size());
    assertEquals("2026-12-06T00:00:00Z", hours.getJsonArray("points").getJsonObject(0).getString("at"));
  }

  @Test
  @DisplayName("by month starts on the first of the month asked, so that its first bucket counts the whole month")
  void monthsStartOnTheFirst() {
    JsonObject months = series.of(UUID.randomUUID(), query("metric", "pipeline-moves", "interval", "month",
        "from", "2026-10-15", "to", "2026-12-07")).await();
    assertEquals("2026-10-01", months.getString("from"));
    assertEquals(3, months.getJsonArray("points").size());
  }

  @Test
  @DisplayName("names the allowed values of a bad or missing metric and of a bad interval")
  void badNames() {
    assertEquals("metric: expected one of pipeline-moves, pipeline-won, documents-processed, opportunities-changed, "
        + "got 'revenue'", refused(query("metric", "revenue")));
    assertEquals("metric: required; one of pipeline-moves, pipeline-won, documents-processed, opportunities-changed",
        refused(query()));
    assertEquals("interval: expected one of hour, day, month, got 'week'",
        refused(query("metric", "pipeline-moves", "interval", "week")));
    assertEquals("size: unknown parameter; known: from, interval, metric, to",
        refused(query("metric", "pipeline-moves", "size", "3")));
  }

  @Test
  @DisplayName("refuses a range that ends before it starts, a malformed day, and more than 1,000 buckets")
  void badRanges() {
    assertEquals("from: 2026-12-08 is after to: 2026-12-07",
        refused(query("metric", "pipeline-moves", "from", "2026-12-08", "to", "2026-12-07")));
    assertEquals("from: expected a date like 2024-03-01, got '12/01/2026'",
        refused(query("metric", "pipeline-moves", "from", "12/01/2026")));
    assertEquals("from, to: 1080 hours; at most 1000 (a shorter range or a longer interval)",
        refused(query("metric", "pipeline-moves", "interval", "hour", "from", "2026-10-24", "to", "2026-12-07")));
    assertEquals("from: expected a date like 2024-03-01, got '+999999999-01-01'",
        refused(query("metric", "pipeline-moves", "from", "+999999999-01-01")));
    assertEquals("from: 1969-01-01 is outside the years 1970-9999",
        refused(query("metric", "pipeline-moves", "from", "1969-01-01", "to", "1969-01-02")));
    assertEquals("to: 1969-12-31 is outside the years 1970-9999",
        refused(query("metric", "pipeline-moves", "from", "1970-01-01", "to", "1969-12-31")));
  }
}
