package com.medcontracthub.perf;

import com.medcontracthub.ai.AiVerticle;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.OpportunityChanges;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.gateway.GatewayVerticle;
import com.medcontracthub.identity.IdentityVerticle;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.opportunities.OpportunitiesVerticle;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.health.DependencyChecks;
import com.medcontracthub.platform.node.VertxFactory;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

/**
 * The AI search through the gateway at N opportunities, as a user reaches it (HTTP, token check, event bus, the
 * query's embedding, both rankings fused, passages): the demo notices imported into the embedded PostgreSQL, each
 * indexed by the AI service as its change event asks (read back from the opportunities service, embedded, committed;
 * Kafka left out), then hybrid searches by concurrent clients, p50/p99, first as indexed and again once the index has
 * merged into one segment (30 s after the last write). Everything but PostgreSQL runs in the harness JVM.
 *
 * <p>Usage: {@code AiGatewayBenchmark [notices] [clients] [seconds]} (100000, 8, 20).
 */
public final class AiGatewayBenchmark {

  private static final List<String> QUERIES = List.of("hand protection for nurses", "IV pumps",
      "mobility aids for veterans who cannot walk", "wound care for pressure injuries", "knee replacement implants",
      "supplies for dentists", "drug distribution contract for VA hospitals", "monitors for patients at the bedside",
      "lab test kits", "breathing therapy equipment").stream()
      .map(q -> "/api/v1/ai/search?limit=10&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).toList();
  private static final int IN_FLIGHT = 32;
  private static final long MERGE_WAIT_MS = 60_000;

  public static void main(String[] args) throws Exception {
    int notices = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;

    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put(ConfigKeys.envName(ConfigKeys.AI_DIR), Files.createTempDirectory("mch-ai-gateway").toString());
    Vertx bootstrap = Vertx.vertx();
    MchConfig config = ConfigLoader.load(bootstrap, "cluster", Optional.empty(), env, Map.of()).await();
    bootstrap.close().await();
    Migrations.apply(config.postgres().uri());
    Path file = Files.createTempFile("sam-", ".jsonl");
    SearchBenchmark.writeDemoFile(file, notices);
    SearchBenchmark.importFile(config, file);
    Files.delete(file);

    Vertx vertx = VertxFactory.create(config, false).await();
    DependencyChecks checks = DependencyChecks.create(vertx, config);
    vertx.deployVerticle(new OpportunitiesVerticle(config)).await();
    vertx.deployVerticle(new IdentityVerticle(config)).await();
    vertx.deployVerticle(new AiVerticle(config, HealthChecks.create(vertx))).await();
    GatewayVerticle gateway = new GatewayVerticle(config, checks.healthChecks());
    vertx.deployVerticle(gateway).await();
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(config.postgres().uri())).using(vertx).build();
    List<String> ids = StreamSupport.stream(pool.query("SELECT notice_id FROM opportunities.opportunities "
        + "WHERE superseded_by IS NULL AND active").execute().await().spliterator(), false)
        .map(row -> ((Row) row).getString(0)).toList();

    long started = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Future<Void>> senders = new ArrayList<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      senders.add(index(vertx, ids, next, failed));
    }
    Future.all(senders).await();
    double took = (System.nanoTime() - started) / 1e9;
    System.out.printf("indexed %,d current, open notices of %,d in %.1f s: %.0f notices/s (%d in flight, %d failed)%n",
        ids.size(), notices, took, ids.size() / took, IN_FLIGHT, failed.get());

    String email = "bench-" + System.nanoTime() + "@example.gov";
    new Accounts(vertx, new IdentityStore(pool)).createTenant("bench-" + System.nanoTime(), email, "bench-password",
        "benchmark").await();
    Vertx load = Vertx.vertx();
    WebClient client = WebClient.create(load, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(gateway.port()), new PoolOptions().setHttp1MaxSize(clients));
    String token = client.post("/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("email", email).put("password", "bench-password")).await()
        .bodyAsJsonObject().getString("access_token");
    measure(client, token, clients, seconds, "as indexed");
    Thread.sleep(MERGE_WAIT_MS);
    measure(client, token, clients, seconds, "merged into one segment");
    load.close().await();
    vertx.close().await();
    System.exit(0);
  }

  private static void measure(WebClient client, String token, int clients, int seconds, String label)
      throws Exception {
    SearchBenchmark.run(client, token, QUERIES, clients, Math.max(1, seconds / 4), null);
    Latencies latencies = new Latencies();
    SearchBenchmark.run(client, token, QUERIES, clients, seconds, latencies);
    System.out.println(latencies.summary("hybrid search via gateway, " + label + " (" + clients + " clients)", seconds)
        .replace("msg/s", "req/s"));
  }

  /** As the bridge delivers change events: the next one sent as soon as one is answered. */
  private static Future<Void> index(Vertx vertx, List<String> ids, AtomicInteger next, AtomicInteger failed) {
    int i = next.getAndIncrement();
    if (i >= ids.size()) {
      return Future.succeededFuture();
    }
    OpportunityChanged event = OpportunityChanged.newBuilder()
        .setEnvelope(Events.envelope(OpportunityChanged.class, "benchmark", null, null, ids.get(i)))
        .setNoticeId(ids.get(i)).setChange(OpportunityChanges.REPUBLISHED).build();
    return vertx.eventBus().request(Addresses.AI_OPPORTUNITY_EVENTS, event, new DeliveryOptions().setSendTimeout(60_000))
        .<Void>mapEmpty()
        .recover(e -> {
          failed.incrementAndGet();
          return Future.succeededFuture();
        })
        .compose(v -> index(vertx, ids, next, failed));
  }
}
