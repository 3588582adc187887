package com.medcontracthub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.embedded.Ports;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.health.DependencyChecks;
import com.medcontracthub.testkit.ClickHouseTestServer;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A JVM running the analytics service on ClickHouse counts ClickHouse among its dependencies. */
@ExtendWith(VertxExtension.class)
@DisplayName("ClickHouse as a dependency")
class ClickHouseReadinessTest {

  private static MchConfig config(Vertx vertx, String url) {
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put("MCH_SERVICES", "analytics");
    env.put("MCH_ANALYTICS_STORE", "clickhouse");
    env.put("MCH_ANALYTICS_CLICKHOUSE_URL", url);
    env.put("MCH_HEALTH_TIMEOUT_MS", "2000");
    return ConfigLoader.load(vertx, "cluster", Optional.empty(), env, Map.of()).await();
  }

  @Test
  @DisplayName("is up in readiness while the server answers")
  void up(Vertx vertx) {
    DependencyChecks checks = DependencyChecks.create(vertx, config(vertx, ClickHouseTestServer.url()));
    try {
      CheckResult clickhouse = checks.healthChecks().checkStatus("clickhouse").await();
      assertTrue(clickhouse.getUp(), String.valueOf(clickhouse.getData()));
      checks.verifyReachable(10_000).await();
    } finally {
      checks.close().await();
    }
  }

  @Test
  @DisplayName("stops the start, naming its setting, when no server answers")
  void unreachable(Vertx vertx) {
    String url = "http://127.0.0.1:" + Ports.free("127.0.0.1");
    DependencyChecks checks = DependencyChecks.create(vertx, config(vertx, url));
    try {
      Throwable refused = checks.verifyReachable(0).<Throwable>transform(ar -> Future.succeededFuture(ar.cause()))
          .await();
      assertTrue(refused != null && refused.getMessage().startsWith(
          "analytics.clickhouse-url: clickhouse is not reachable ("), String.valueOf(refused));
      assertEquals(false, checks.healthChecks().checkStatus("clickhouse").await().getUp());
    } finally {
      checks.close().await();
    }
  }
}
