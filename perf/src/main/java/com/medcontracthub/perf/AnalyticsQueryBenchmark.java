package com.medcontracthub.perf;

import com.medcontracthub.analytics.ingest.EventRow;
import com.medcontracthub.analytics.reconcile.StoredCounts;
import com.medcontracthub.analytics.store.AnalyticsStore;
import com.medcontracthub.analytics.store.AnalyticsStores;
import com.medcontracthub.analytics.summary.Summaries;
import com.medcontracthub.analytics.summary.Timeseries;
import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.codecs.PipelineStages;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.testkit.ClickHouseTestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The KPI queries over a large store: {@code events} events written straight into each store (the service's own
 * insert, in batches; the ingest path from Kafka is {@link AnalyticsIngestBenchmark}'s), spread over a year, 100
 * tenants, 200,000 notices: 60 % pipeline moves, 25 % opportunity changes with their facts, 15 % document events.
 * Then each query the API and reconciling run, 11 times: the median and the slowest. CPU and memory of the harness
 * JVM (DuckDB runs in it) and of the ClickHouse server, for the write and for the queries.
 *
 * <p>Usage: {@code AnalyticsQueryBenchmark [events] [stores]} (10000000, duckdb,clickhouse).
 */
public final class AnalyticsQueryBenchmark {

  private static final int TENANTS = 100;
  private static final int NOTICES = 200_000;
  private static final int BATCH = 20_000;
  private static final long YEAR_MS = 365L * 86_400_000L;
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final List<String> SET_ASIDES = List.of("", "SBA", "SDVOSBC", "WOSB", "8A", "HZC");
  private static final List<String> STEPS = List.of(DocumentSteps.TEXT, DocumentSteps.ANALYSED, DocumentSteps.INDEXED);
  private static final String PAYLOAD = "{\"envelope\": {\"eventId\": \"00000000-0000-0000-0000-000000000000\", "
      + "\"type\": \"PipelineStageChanged\", \"source\": \"opportunities\"}, \"noticeId\": \"N-0000000\", \"to\": "
      + "\"qualifying\", \"by\": \"00000000-0000-0000-0000-000000000000\", \"version\": 2}";

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    List<String> stores = List.of((args.length > 1 ? args[1] : "duckdb,clickhouse").split(","));
    List<UUID> tenants = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < TENANTS; i++) {
      tenants.add(new UUID(random.nextLong(), random.nextLong()));
    }
    Vertx vertx = Vertx.vertx();
    try {
      for (String store : stores) {
        run(vertx, store, events, tenants);
      }
    } finally {
      vertx.close().await();
    }
  }

  private static void run(Vertx vertx, String kind, long events, List<UUID> tenants) throws Exception {
    Path dir = Files.createTempDirectory("mch-analytics-query");
    Map<String, String> env = kind.equals("clickhouse")
        ? Map.of("MCH_ANALYTICS_STORE", MchConfig.Analytics.CLICKHOUSE,
            "MCH_ANALYTICS_CLICKHOUSE_URL", ClickHouseTestServer.url(),
            "MCH_ANALYTICS_CLICKHOUSE_DATABASE", "bench_" + System.nanoTime(), "MCH_ANALYTICS_TIMEOUT_MS", "600000")
        : Map.of("MCH_ANALYTICS_STORE", MchConfig.Analytics.EMBEDDED, "MCH_ANALYTICS_DIR", dir.toString(),
            "MCH_ANALYTICS_TIMEOUT_MS", "600000");
    MchConfig config = ConfigLoader.load(vertx, "embedded", Optional.empty(), env, Map.of()).await();
    Footprint footprint = Footprint.process("harness JVM (DuckDB in it)", ProcessHandle.current().pid());
    if (kind.equals("clickhouse")) {
      footprint = footprint.plus(Footprint.clickHouseServer());
    }
    AnalyticsStore store = AnalyticsStores.open(vertx, config).await();
    try {
      store.migrate().await();
      Footprint.Reading before = footprint.read();
      long started = System.nanoTime();
      Random random = new Random(11);
      for (long written = 0; written < events; written += BATCH) {
        List<EventRow> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH && written + i < events; i++) {
          batch.add(row(random, tenants, written + i));
        }
        store.insert(batch).await();
        if ((written / BATCH) % 50 == 0) {
          System.out.printf(Locale.ROOT, "%s: %,d events written%n", kind, written + batch.size());
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<String, Double> cpu = footprint.read().cpuSince(before);
      System.out.printf(Locale.ROOT, "analytics query, %s store: %,d events written in %.1f s (%,.0f events/s), CPU %s%n",
          kind, events, seconds, events / seconds, Footprint.breakdown(cpu, 1, "%.1f s"));
      Summaries summaries = new Summaries(store, Clock.systemUTC());
      Timeseries timeseries = new Timeseries(store, Clock.systemUTC());
      JsonObject year = new JsonObject().put("metric", new JsonArray().add("pipeline-moves"))
          .put("interval", new JsonArray().add("day")).put("from", new JsonArray().add("2026-01-01"))
          .put("to", new JsonArray().add("2026-12-31"));
      before = footprint.read();
      time(kind, "summary of a tenant", i -> summaries.of(tenants.get(i % tenants.size())));
      time(kind, "pipeline moves a day over a year, a tenant", i -> timeseries.of(tenants.get(i % tenants.size()),
          year));
      time(kind, "daily counts (reconciling)", i -> StoredCounts.of(store));
      System.out.printf(Locale.ROOT, "analytics query, %s store: CPU over the 33 queries %s%n", kind,
          Footprint.breakdown(footprint.read().cpuSince(before), 1, "%.1f s"));
    } finally {
      store.close().await();
    }
  }

  private interface Query {
    Future<JsonObject> run(int i);
  }

  private static void time(String kind, String what, Query query) {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      long started = System.nanoTime();
      query.run(i).await();
      ms.add((System.nanoTime() - started) / 1e6);
    }
    ms.sort(null);
    System.out.printf(Locale.ROOT, "analytics query, %s store, %s: median %.0f ms, slowest of 11 %.0f ms%n", kind, what,
        ms.get(5), ms.get(10));
  }

  /** The n-th event: its kind by its share, its tenant, notice and time drawn at random. */
  private static EventRow row(Random random, List<UUID> tenants, long n) {
    long at = START.toEpochMilli() + (long) (random.nextDouble() * YEAR_MS);
    String day = DAY.format(Instant.ofEpochMilli(at));
    String notice = "N-" + random.nextInt(NOTICES);
    String tenant = tenants.get(random.nextInt(tenants.size())).toString();
    int kind = random.nextInt(100);
    Supplier<String> id = () -> new UUID(n, 0x5eed).toString();
    if (kind < 60) {
      return new EventRow(id.get(), "PipelineStageChanged", "opportunities", tenant, tenant + ":" + notice, notice,
          PipelineStages.ALL.get(random.nextInt(PipelineStages.ALL.size())), 1 + random.nextInt(5), 0, at, day, day.substring(0, 7), PAYLOAD,
          EventRow.Facts.NONE, "");
    }
    if (kind < 85) {
      int i = Integer.parseInt(notice.substring(2));
      return new EventRow(id.get(), "OpportunityChanged", "opportunities", "", notice, notice,
          random.nextInt(4) == 0 ? "inserted" : "updated", 0, 0, at, day, day.substring(0, 7), PAYLOAD,
          new EventRow.Facts("DEPARTMENT " + i % 20, Integer.toString(339_100 + i % 50),
              SET_ASIDES.get(i % SET_ASIDES.size()), DAY.format(START.plusSeconds(86_400L * (i % 365)))), "");
    }
    String document = "D-" + random.nextInt(NOTICES);
    return switch (kind % 3) {
      case 0 -> new EventRow(id.get(), "DocumentUploaded", "documents", tenant, document, notice, "", 0, 0, at, day,
          day.substring(0, 7), PAYLOAD, EventRow.Facts.NONE, "");
      case 1 -> new EventRow(id.get(), "DocumentStepChanged", "documents", tenant, document, notice,
          random.nextBoolean() ? DocumentSteps.RUNNING : DocumentSteps.DONE, 0, 0, at, day, day.substring(0, 7),
          PAYLOAD, EventRow.Facts.NONE, STEPS.get(random.nextInt(STEPS.size())));
      default -> new EventRow(id.get(), "DocumentProcessed", "documents", tenant, document, notice, "processed", 0,
          3, at, day, day.substring(0, 7), PAYLOAD, EventRow.Facts.NONE, "");
    };
  }
}
