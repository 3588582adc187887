package com.medcontracthub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.avro.EventCodec;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.PipelineStageChanged;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.testkit.ClickHouseTestServer;
import com.medcontracthub.testkit.ServiceCalls;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on the event bus, as the bridge and the gateway reach it: events answered once stored (ClickHouse, the
 * real server), the tenant's numbers, a bad time series refused; and the embedded store kept by one instance at a time.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The analytics service")
class AnalyticsVerticleTest {

  @TempDir
  Path dir;

  private final UUID tenant = UUID.randomUUID();

  @BeforeEach
  void codecs(Vertx vertx) {
    EventCodec.registerAll(vertx);
  }

  private static MchConfig config(Vertx vertx, Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put("MCH_SERVICES", "analytics");
    env.put("MCH_ANALYTICS_BATCH_SIZE", "3");
    env.put("MCH_ANALYTICS_BATCH_DELAY_MS", "50");
    env.putAll(settings);
    return ConfigLoader.load(vertx, "cluster", Optional.empty(), env, Map.of()).await();
  }

  private PipelineStageChanged move(String notice, String to, int version) {
    return PipelineStageChanged.newBuilder()
        .setEnvelope(Events.envelope(PipelineStageChanged.class, "test", UUID.randomUUID(), Instant.now(), null,
            tenant.toString(), tenant + ":" + notice))
        .setNoticeId(notice).setFrom(null).setTo(to).setBy(UUID.randomUUID().toString()).setVersion(version).build();
  }

  private JsonObject principal() {
    return new JsonObject().put("userId", UUID.randomUUID().toString()).put("tenantId", tenant.toString())
        .put("role", "member").put("email", "m@analytics.example");
  }

  @Test
  @DisplayName("answers each event once its batch is stored, then counts it in the tenant's summary; refuses a bad "
      + "time series with 400")
  void eventsThenSummary(Vertx vertx) {
    MchConfig config = config(vertx, Map.of("MCH_ANALYTICS_STORE", "clickhouse",
        "MCH_ANALYTICS_CLICKHOUSE_URL", ClickHouseTestServer.url(),
        "MCH_ANALYTICS_CLICKHOUSE_DATABASE", "verticle_" + UUID.randomUUID().toString().replace("-", "")));
    vertx.deployVerticle(new AnalyticsVerticle(config)).await();
    Future.all(IntStream.range(0, 3).mapToObj(i -> vertx.eventBus().request(Addresses.ANALYTICS_EVENTS,
        move("n" + i, i == 0 ? "won" : "identified", 1))).toList()).await();
    JsonObject pipeline = ServiceCalls.call(vertx, Addresses.ANALYTICS_SUMMARY, principal(), new JsonObject()).await()
        .getJsonObject("pipeline");
    assertEquals(3L, pipeline.getLong("moves"));
    assertEquals(1.0, pipeline.getDouble("winRate"));
    assertEquals(400, ServiceCalls.failureCode(ServiceCalls.call(vertx, Addresses.ANALYTICS_TIMESERIES, principal(),
        new JsonObject().put("query", new JsonObject().put("metric", new JsonArray().add("revenue"))))).await());
  }

  @Test
  @DisplayName("keeps an embedded store in one instance: a second is refused, and starts once the first has stopped")
  void oneEmbeddedStore(Vertx vertx) {
    MchConfig first = config(vertx, Map.of("MCH_ANALYTICS_DIR", dir.resolve("a").toString()));
    MchConfig second = config(vertx, Map.of("MCH_ANALYTICS_DIR", dir.resolve("b").toString()));
    String running = vertx.deployVerticle(new AnalyticsVerticle(first)).await();
    Throwable refused = vertx.deployVerticle(new AnalyticsVerticle(second))
        .<Throwable>transform(ar -> Future.succeededFuture(ar.cause())).await();
    assertTrue(refused instanceof ConfigException && refused.getMessage().startsWith("analytics.store: embedded keeps"),
        String.valueOf(refused));
    vertx.undeploy(running).await();
    vertx.deployVerticle(new AnalyticsVerticle(second)).await();
    vertx.eventBus().request(Addresses.ANALYTICS_EVENTS, move("n1", "bidding", 1)).await();
    assertEquals(1L, ServiceCalls.call(vertx, Addresses.ANALYTICS_SUMMARY, principal(), new JsonObject()).await()
        .getJsonObject("pipeline").getLong("moves"), "the instance started second keeps the events");
  }
}
