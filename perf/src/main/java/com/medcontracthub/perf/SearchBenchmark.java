package com.medcontracthub.perf;

import com.medcontracthub.gateway.GatewayVerticle;
import com.medcontracthub.identity.IdentityVerticle;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.opportunities.OpportunitiesVerticle;
import com.medcontracthub.opportunities.demo.DemoOpportunities;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.health.DependencyChecks;
import com.medcontracthub.platform.node.VertxFactory;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 3's figures on the embedded PostgreSQL: import of a 100k-record JSON-lines file (records/s, peak heap), then
 * authenticated searches through the gateway (HTTP, token check, event bus, PostgreSQL) by 32 concurrent clients over
 * a mix of filters and full text, with p50/p99.
 *
 * <p>Usage: {@code SearchBenchmark [records] [clients] [seconds]}.
 */
public final class SearchBenchmark {

  private static final List<String> QUERIES = List.of(
      "/api/v1/opportunities?limit=25",
      "/api/v1/opportunities?q=gloves&limit=25",
      "/api/v1/opportunities?naics=339113&naics=339112&active=true&limit=25",
      "/api/v1/opportunities?psc=65&setAside=SDVOSBC&sort=due&limit=25",
      "/api/v1/opportunities?agency=veterans&state=TX&limit=25",
      "/api/v1/opportunities?q=infusion%20pumps&postedFrom=2026-09-01&limit=10");

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;

    Vertx bootstrap = Vertx.vertx();
    MchConfig config = ConfigLoader.load(bootstrap, "cluster", Optional.empty(), TestInfrastructure.environment(),
        Map.of()).await();
    bootstrap.close().await();
    Migrations.apply(config.postgres().uri());

    Path file = Files.createTempFile("sam-", ".jsonl");
    writeDemoFile(file, records);
    importFile(config, file);
    Files.delete(file);

    Vertx vertx = VertxFactory.create(config, false).await();
    DependencyChecks checks = DependencyChecks.create(vertx, config);
    vertx.deployVerticle(new OpportunitiesVerticle(config)).await();
    vertx.deployVerticle(new IdentityVerticle(config)).await();
    GatewayVerticle gateway = new GatewayVerticle(config, checks.healthChecks());
    vertx.deployVerticle(gateway).await();
    int port = gateway.port();
    String email = "bench-" + System.nanoTime() + "@example.gov";
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(config.postgres().uri())).using(vertx).build();
    new Accounts(vertx, new IdentityStore(pool)).createTenant("bench-" + System.nanoTime(), email, "bench-password",
        "benchmark").await();

    Vertx load = Vertx.vertx();
    WebClient client = WebClient.create(load, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(clients));
    String token = client.post("/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("email", email).put("password", "bench-password")).await()
        .bodyAsJsonObject().getString("access_token");
    run(client, token, QUERIES, clients, seconds / 3, null);
    Latencies latencies = new Latencies();
    run(client, token, QUERIES, clients, seconds, latencies);
    System.out.println(latencies.summary("search via gateway (" + clients + " clients)", seconds)
        .replace("msg/s", "req/s"));
    load.close().await();
    vertx.close().await();
    System.exit(0);
  }

  static void writeDemoFile(Path file, int records) throws Exception {
    DemoOpportunities demo = new DemoOpportunities(42, records, LocalDate.now());
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (Map<String, Object> r = demo.next(); r != null; r = demo.next()) {
        out.write(new JsonObject(r).encode());
        out.newLine();
      }
    }
  }

  static void importFile(MchConfig config, Path file) throws Exception {
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(config.postgres().uri())).using(vertx).build();
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long t0 = System.nanoTime();
    Importer.Report report;
    report = new Importer(new OpportunityStore(pool)).run(() -> new BufferedInputStream(Files.newInputStream(file)),
        "benchmark", (r, b) -> { });
    double took = (System.nanoTime() - t0) / 1e9;
    long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.out.printf(Locale.ROOT, "import of %,d records (%,d bytes): %.1f s = %,.0f records/s; inserted %,d, "
            + "updated %,d, unchanged %,d; peak heap (sum of pool peaks, -Xmx %d MB) %d MB%n",
        report.records(), Files.size(file), took, report.records() / took, report.inserted(), report.updated(),
        report.unchanged(), Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20);
    vertx.close().await();
  }

  /** Each client sends its next query as soon as the last one answered, cycling through {@code queries}. */
  static void run(WebClient client, String token, List<String> queries, int clients, int seconds, Latencies latencies)
      throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicInteger open = new AtomicInteger(clients);
    AtomicInteger errors = new AtomicInteger();
    CompletableFuture<Void> done = new CompletableFuture<>();
    for (int c = 0; c < clients; c++) {
      next(client, token, queries, c, end, latencies, open, errors, done);
    }
    done.get();
    if (errors.get() > 0) {
      System.out.println("  errors: " + errors.get());
    }
  }

  private static void next(WebClient client, String token, List<String> queries, int i, long end,
      Latencies latencies, AtomicInteger open, AtomicInteger errors, CompletableFuture<Void> done) {
    if (System.nanoTime() >= end) {
      if (open.decrementAndGet() == 0) {
        done.complete(null);
      }
      return;
    }
    long t0 = System.nanoTime();
    client.get(queries.get(i % queries.size())).bearerTokenAuthentication(token).timeout(10_000).send()
        .onComplete(ar -> {
          if (ar.failed() || ar.result().statusCode() != 200) {
            errors.incrementAndGet();
          } else if (latencies != null) {
            synchronized (latencies) {
              latencies.recordNanos(System.nanoTime() - t0);
            }
          }
          next(client, token, queries, i + 1, end, latencies, open, errors, done);
        });
  }
}
