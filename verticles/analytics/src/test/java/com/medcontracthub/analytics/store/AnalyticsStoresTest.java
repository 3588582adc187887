package com.medcontracthub.analytics.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.analytics.ingest.EventRow;
import com.medcontracthub.analytics.reconcile.StoredCounts;
import com.medcontracthub.analytics.summary.Summaries;
import com.medcontracthub.analytics.summary.Timeseries;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.resilience.Breaker;
import com.medcontracthub.testkit.ClickHouseTestServer;
import com.medcontracthub.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both stores, for real: the embedded DuckDB file and a ClickHouse 18.16 server on loopback
 * ({@link ClickHouseTestServer}), fed the same events and asked the same questions.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The analytics stores")
class AnalyticsStoresTest {

  private static Breaker breaker(Vertx vertx) {
    return new Breaker(vertx, "clickhouse", "ClickHouse", new MchConfig.Resilience(5, 30_000), e -> true);
  }

  @TempDir
  Path dir;

  private final List<AnalyticsStore> opened = new ArrayList<>();
  /** This test's ClickHouse database (DuckDB's file is in this test's directory). */
  private final String database = "test_" + UUID.randomUUID().toString().replace("-", "");

  static Stream<String> stores() {
    return Stream.of("duckdb", "clickhouse");
  }

  private AnalyticsStore open(Vertx vertx, String kind) {
    AnalyticsStore store = kind.equals("duckdb")
        ? DuckDbStore.open(vertx, dir.resolve("store"), 10_000).await()
        : new ClickHouseStore(vertx, breaker(vertx), ClickHouseTestServer.url(), database, "default", "", 10_000);
    opened.add(store);
    store.migrate().await();
    return store;
  }

  @AfterEach
  void close() {
    opened.forEach(store -> store.close().await());
  }

  /**
   * Tenant: notices n1 (identified → qualifying → bidding → won), n2 (identified → lost), n3 (identified → no-bid, then
   * back to qualifying), n4 (identified); another tenant's n1 won. Opportunities: two inserted in November, one of
   * them updated in December and one superseded, one republished. Documents: twenty processed in 1, 2, … 20 s, one
   * failed in 8 s (21 times: p50 is the 11th, 10 s, and p95 the 20th, 19 s); another tenant's in 100 s.
   */
  private static EventStream stream() {
    EventStream s = new EventStream();
    for (int seconds = 1; seconds <= 20; seconds++) {
      s.document(s.tenant, "processed", 0, seconds * 1_000L);
    }
    return s.move(s.tenant, "n1", null, "identified", 1, 0).move(s.tenant, "n1", "identified", "qualifying", 2, 10)
        .move(s.tenant, "n1", "qualifying", "bidding", 3, 20).move(s.tenant, "n1", "bidding", "won", 4, 30)
        .move(s.tenant, "n2", null, "identified", 1, 0).move(s.tenant, "n2", "identified", "lost", 2, 5)
        .move(s.tenant, "n3", null, "identified", 1, 0).move(s.tenant, "n3", "identified", "no-bid", 2, 5)
        .move(s.tenant, "n3", "no-bid", "qualifying", 3, 6)
        .move(s.tenant, "n4", null, "identified", 1, 0)
        .move(s.otherTenant, "n1", null, "won", 1, 0)
        .opportunity("o1", "inserted", 0, VA, "339113", "SDVOSBC", "2026-11-28")
        .opportunity("o2", "inserted", 60, HHS, "339112", null, "2026-11-30")
        .opportunity("o1", "updated", 86_400, VA, "339113", "SDVOSBC", "2026-11-28")
        .opportunity("o2", "superseded", 86_400, HHS, "339112", null, "2026-11-30")
        .opportunity("o1", "republished", 90_000, VA, "339113", "SDVOSBC", "2026-11-28")
        .opportunity("o3", "inserted", 120)
        .document(s.tenant, "failed", 0, 8_000).document(s.otherTenant, "processed", 0, 100_000)
        .step(s.tenant, "d1", "text", "running", 0).step(s.tenant, "d1", "text", "retrying", 1_000)
        .step(s.tenant, "d1", "text", "running", 3_000).step(s.tenant, "d1", "text", "done", 5_000)
        .step(s.tenant, "d1", "analysed", "running", 5_000).step(s.tenant, "d1", "analysed", "done", 5_400)
        .step(s.tenant, "d2", "text", "running", 0).step(s.tenant, "d2", "text", "done", 2_000)
        .step(s.tenant, "d2", "indexed", "running", 2_000)
        .step(s.otherTenant, "d3", "text", "running", 0).step(s.otherTenant, "d3", "text", "done", 60_000);
  }

  private static final String VA = "VETERANS AFFAIRS, DEPARTMENT OF.VETERANS AFFAIRS, DEPARTMENT OF.NATIONAL ACQUISITION"
      + " CENTER (36C797)";
  private static final String HHS = "HEALTH AND HUMAN SERVICES, DEPARTMENT OF.INDIAN HEALTH SERVICE";

  /**
   * The stream's opportunities: public notices, the same for every tenant. o3's event carries no facts (written before
   * events had them): it counts among the changes, not in the counts by fact.
   */
  private static final JsonObject OPPORTUNITIES = new JsonObject("""
      {"byMonth": [{"month": "2026-11", "change": "inserted", "opportunities": 3},
        {"month": "2026-12", "change": "superseded", "opportunities": 1},
        {"month": "2026-12", "change": "updated", "opportunities": 1}],
       "byDepartment": [{"department": "HEALTH AND HUMAN SERVICES, DEPARTMENT OF", "opportunities": 1},
        {"department": "VETERANS AFFAIRS, DEPARTMENT OF", "opportunities": 1}],
       "byNaics": [{"naics": "339112", "opportunities": 1}, {"naics": "339113", "opportunities": 1}],
       "bySetAside": [{"setAside": "", "opportunities": 1}, {"setAside": "SDVOSBC", "opportunities": 1}],
       "byPostedMonth": [{"month": "2026-11", "opportunities": 2}]}""");

  private static JsonObject expected() {
    return new JsonObject("""
        {"pipeline": {"stages": [{"stage": "identified", "opportunities": 1}, {"stage": "lost", "opportunities": 1},
           {"stage": "qualifying", "opportunities": 1}, {"stage": "won", "opportunities": 1}],
           "moves": 10, "won": 1, "lost": 1, "winRate": 0.5},
         "documents": {"byState": [{"state": "failed", "documents": 1}, {"state": "processed", "documents": 20}],
           "processingMs": {"documents": 21, "p50": 10000, "p95": 19000, "max": 20000},
           "stepsMs": {"analysed": {"documents": 1, "p50": 400, "p95": 400, "max": 400},
             "text": {"documents": 2, "p50": 5000, "p95": 5000, "max": 5000}}}}""").put("opportunities",
        OPPORTUNITIES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  @DisplayName("answer the tenant's pipeline, its win rate, opportunities by month and by their facts, and document and"
      + " step times from the events")
  void summary(String kind, Vertx vertx) {
    AnalyticsStore store = open(vertx, kind);
    EventStream events = stream();
    store.insert(events.rows).await();
    assertEquals(expected(), new Summaries(store, Clock.systemUTC()).of(events.tenant).await());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  @DisplayName("count an event delivered again, in a later batch or the same one, once")
  void redelivered(String kind, Vertx vertx) {
    AnalyticsStore store = open(vertx, kind);
    if (store instanceof ClickHouseStore clickHouse) {
      // the duplicates stay stored as they would until a background merge: the queries must count them once
      clickHouse.execute("SYSTEM STOP MERGES events").await();
    }
    EventStream events = stream();
    int half = events.rows.size() / 2;
    store.insert(events.rows.subList(0, half)).await();
    List<EventRow> again = new ArrayList<>(events.rows.subList(half / 2,
        events.rows.size()));
    again.addAll(events.rows.subList(half, half + 3));
    store.insert(again).await();
    if (store instanceof ClickHouseStore) {
      assertTrue(number(store, "SELECT count(*) AS n FROM events") > number(store,
          "SELECT count(DISTINCT event_id) AS n FROM events"), "events stored twice");
    }
    assertEquals(expected(), new Summaries(store, Clock.systemUTC()).of(events.tenant).await());
    assertEquals(DAILY_COUNTS, StoredCounts.of(store).await());
    assertEquals(List.of(new JsonObject().put("at", "2026-11-30").put("value", 10L)), points(new Timeseries(store,
        Clock.systemUTC()), events, "pipeline-moves", "day", "2026-11-30", "2026-11-30"));
  }

  private static long number(AnalyticsStore store, String sql) {
    return ((Number) store.query(sql).await().get(0).getValue("n")).longValue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  @DisplayName("answer a tenant with no events with empty numbers: no win rate, no document times")
  void empty(String kind, Vertx vertx) {
    AnalyticsStore store = open(vertx, kind);
    store.insert(stream().rows).await();
    assertEquals(new JsonObject("""
        {"pipeline": {"stages": [], "moves": 0, "won": 0, "lost": 0, "winRate": null},
         "documents": {"byState": [], "processingMs": {"documents": 0, "p50": null, "p95": null, "max": null},
           "stepsMs": {}}}""")
        .put("opportunities", OPPORTUNITIES), new Summaries(store, Clock.systemUTC()).of(UUID.randomUUID()).await());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  @DisplayName("opened again, keep their events and apply no migration twice")
  void reopened(String kind, Vertx vertx) {
    AnalyticsStore first = open(vertx, kind);
    EventStream events = stream();
    first.insert(events.rows).await();
    first.close().await();
    opened.remove(first);
    AnalyticsStore again = open(vertx, kind);
    assertEquals(allVersions(again), versions(again));
    assertEquals(expected(), new Summaries(again, Clock.systemUTC()).of(events.tenant).await());
  }

  @Test
  @DisplayName("on ClickHouse, record a migration another JVM starting at the same time applied first")
  void migratedMeanwhile(Vertx vertx) {
    ClickHouseStore first = new ClickHouseStore(vertx, breaker(vertx), ClickHouseTestServer.url(), database, "default", "", 10_000);
    opened.add(first);
    List<String> migrations = AnalyticsSql.migrations(Dialect.CLICKHOUSE);
    // the first migration applied and recorded, the second applied by another JVM that has not recorded it yet
    first.migrate().await();
    first.execute("DROP TABLE events").await();
    first.execute("DROP TABLE " + AnalyticsSql.VERSIONS).await();
    first.execute(AnalyticsSql.versionsTable(Dialect.CLICKHOUSE)).await();
    first.execute(migrations.get(0)).await();
    first.execute(AnalyticsSql.recordVersion(1)).await();
    first.execute(migrations.get(1)).await();
    first.migrate().await();
    assertEquals(allVersions(first), versions(first));
  }

  private static List<Integer> allVersions(AnalyticsStore store) {
    return IntStream.rangeClosed(1, AnalyticsSql.migrations(store.dialect()).size()).boxed().toList();
  }

  private static List<Integer> versions(AnalyticsStore store) {
    return store.query("SELECT version FROM " + AnalyticsSql.VERSIONS + " ORDER BY version").await().stream()
        .map(row -> ((Number) row.getValue("version")).intValue()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  @DisplayName("migrated from their first schema, keep the events stored before with their facts empty")
  void upgraded(String kind, Vertx vertx) {
    AnalyticsStore store = open(vertx, kind);
    Function<String, Future<Void>> execute = store instanceof DuckDbStore duckDb ? duckDb::execute
        : ((ClickHouseStore) store)::execute;
    execute.apply("DROP TABLE events").await();
    execute.apply("DROP TABLE " + AnalyticsSql.VERSIONS).await();
    execute.apply(AnalyticsSql.versionsTable(store.dialect())).await();
    execute.apply(AnalyticsSql.migrations(store.dialect()).get(0)).await();
    execute.apply(AnalyticsSql.recordVersion(1)).await();
    execute.apply("INSERT INTO events (" + String.join(", ", List.of("event_id", "type", "source", "tenant_id",
        "aggregate_id", "notice_id", "state", "version", "pages", "occurred_ms", "day", "month", "payload"))
        + ") VALUES ('e1', 'OpportunityChanged', 'opportunities', '', 'o9', 'o9', 'inserted', 0, 0, 0, '1970-01-01',"
        + " '1970-01', '{}')").await();
    store.migrate().await();
    assertEquals(allVersions(store), versions(store));
    assertEquals(List.of(new JsonObject().put("department", "").put("posted_day", "").put("step", "")),
        store.query("SELECT department, posted_day, step FROM events WHERE event_id = 'e1'").await());
    store.insert(stream().rows).await();
    assertEquals(2L, ((Number) store.query("SELECT count(DISTINCT aggregate_id) AS n FROM events WHERE type ="
        + " 'OpportunityChanged' AND posted_day = ''").await().get(0).getValue("n")).longValue(),
        "o3 and o9 carry no facts, o1 and o2 do");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  @DisplayName("answer each metric by hour, day and month, every bucket of the range, 0 where nothing happened")
  void timeseries(String kind, Vertx vertx) {
    AnalyticsStore store = open(vertx, kind);
    EventStream events = stream();
    store.insert(events.rows).await();
    Timeseries series = new Timeseries(store, Clock.systemUTC());
    // the stream starts on 2026-11-30 at 12:00 UTC; the opportunities change again a day later
    assertEquals(List.of(new JsonObject().put("at", "2026-11-29").put("value", 0L),
            new JsonObject().put("at", "2026-11-30").put("value", 10L),
            new JsonObject().put("at", "2026-12-01").put("value", 0L)),
        points(series, events, "pipeline-moves", "day", "2026-11-29", "2026-12-01"));
    assertEquals(List.of(new JsonObject().put("at", "2026-11-30").put("value", 3L),
            new JsonObject().put("at", "2026-12-01").put("value", 2L)),
        points(series, events, "opportunities-changed", "day", "2026-11-30", "2026-12-01"), "the last day counted");
    assertEquals(List.of(new JsonObject().put("at", "2026-11").put("value", 3L),
            new JsonObject().put("at", "2026-12").put("value", 2L)),
        points(series, events, "opportunities-changed", "month", "2026-11-01", "2026-12-31"));
    List<JsonObject> hours = points(series, events, "documents-processed", "hour", "2026-11-30", "2026-11-30");
    assertEquals(24, hours.size());
    assertEquals(new JsonObject().put("at", "2026-11-30T12:00:00Z").put("value", 21L), hours.get(12));
    assertEquals(21L, hours.stream().mapToLong(point -> point.getLong("value")).sum());
    assertEquals(List.of(new JsonObject().put("at", "2026-11-30").put("value", 1L)),
        points(series, events, "pipeline-won", "day", "2026-11-30", "2026-11-30"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  @DisplayName("answer the opportunities' counts, every tenant's, from one count for a minute, then count anew; a "
      + "tenant's own numbers each time")
  void noticesCountedOncePerMinute(String kind, Vertx vertx) {
    AnalyticsStore store = open(vertx, kind);
    EventStream events = stream();
    store.insert(events.rows).await();
    Instant start = Instant.parse("2026-12-07T12:00:00Z");
    Clock[] now = {Clock.fixed(start, ZoneOffset.UTC)};
    Summaries summaries = new Summaries(store, new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0].instant();
      }
    });
    assertEquals(expected(), summaries.of(events.tenant).await());
    EventStream later = new EventStream().opportunity("o4", "inserted", 0, VA, "339113", "SBA", "2026-11-29")
        .move(events.tenant, "n5", null, "identified", 1, 0);
    store.insert(later.rows).await();
    JsonObject cached = summaries.of(events.tenant).await();
    assertEquals(OPPORTUNITIES, cached.getJsonObject("opportunities"), "the notices as counted a moment ago");
    assertEquals(11L, cached.getJsonObject("pipeline").getLong("moves"), "the tenant's move counted at once");
    now[0] = Clock.fixed(start.plusSeconds(61), ZoneOffset.UTC);
    List<Object> recounted = List.of(new JsonObject().put("naics", "339113").put("opportunities", 2L),
        new JsonObject().put("naics", "339112").put("opportunities", 1L));
    // a minute on, the next answer starts a new count (the last one answers meanwhile), and later answers have it
    Eventually.untilTrue(vertx, () -> summaries.of(events.tenant).map(summary -> recounted.equals(summary
        .getJsonObject("opportunities").getJsonArray("byNaics").getList())), 10_000, "the notices counted anew").await();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  @DisplayName("count what they hold by kind and day, to reconcile them with PostgreSQL")
  void dailyCounts(String kind, Vertx vertx) {
    AnalyticsStore store = open(vertx, kind);
    store.insert(stream().rows).await();
    assertEquals(DAILY_COUNTS, StoredCounts.of(store).await());
  }

  /** The stream's counts by kind and day: o3 carries no posted day, missing until it is republished. */
  private static final JsonObject DAILY_COUNTS = new JsonObject("""
      {"opportunity": {"2026-11-28": 1, "2026-11-30": 1}, "pipeline-move": {"2026-11-30": 11},
       "document": {"2026-11-30": 22}}""");

  private static List<JsonObject> points(Timeseries series, EventStream events, String metric, String interval,
      String from, String to) {
    JsonObject query = new JsonObject().put("metric", new JsonArray().add(metric))
        .put("interval", new JsonArray().add(interval)).put("from", new JsonArray().add(from))
        .put("to", new JsonArray().add(to));
    return series.of(events.tenant, query).await().getJsonArray("points").stream().map(JsonObject.class::cast)
        .map(point -> new JsonObject().put("at", point.getString("at")).put("value", point.getLong("value")))
        .toList();
  }
}
