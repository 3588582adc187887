package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Kong's prometheus plugin on the gateway's /metrics, and plugins a consumer has of its own. */
@ExtendWith(VertxExtension.class)
@DisplayName("Per-route metrics and consumer plugins")
class PrometheusPluginTest {

  @TempDir
  Path dir;
  private Vertx metered;

  /** A Vert.x with Micrometer's Prometheus registry, the JVM's default one, which the plugin records into. */
  private GatewayFixture fixture(Vertx vertx) {
    metered = Vertx.builder().withMetrics(new MicrometerMetricsFactory())
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .build();
    return new GatewayFixture(metered, dir);
  }

  @AfterEach
  void close() {
    if (metered != null) {
      metered.close().await();
    }
  }

  @Test
  @DisplayName("count requests by service, route, status and consumer, time them and count their bytes; a consumer's "
      + "own rate limit applies to that consumer only")
  void metrics(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = fixture(vertx);
    List<Integer> statuses = new ArrayList<>();
    fixture.gateway("""
            _format_version: "3.0"
            services:
              - name: echo
                url: UPSTREAM/base
                routes: [{name: metered, paths: [/metered]}]
            plugins:
              - name: prometheus
                config: {per_consumer: true, status_code_metrics: true, latency_metrics: true, bandwidth_metrics: true}
              - name: key-auth
            consumers:
              - username: alice
                keyauth_credentials: [{key: alice-key}]
                plugins: [{name: rate-limiting, config: {minute: 2}}]
              - username: bob
                keyauth_credentials: [{key: bob-key}]
            """)
        .compose(client -> MinuteWindows.clearOfMinuteEdge(vertx).map(client))
        .compose(client -> GatewayFixture.sequentially(3, () -> client.get("/metered").putHeader("apikey", "alice-key")
                .send().onSuccess(r -> statuses.add(r.statusCode())))
            .compose(v -> GatewayFixture.sequentially(3, () -> client.get("/metered").putHeader("apikey", "bob-key")
                .send().onSuccess(r -> statuses.add(r.statusCode()))))
            .compose(v -> client.get("/metered").send().onSuccess(r -> statuses.add(r.statusCode())))
            .compose(v -> client.get("/metrics").send()))
        .onComplete(ctx.succeeding(scrape -> ctx.verify(() -> {
          assertEquals(List.of(200, 200, 429, 200, 200, 200, 401), statuses);
          String metrics = scrape.bodyAsString();
          assertTrue(metrics.contains(
              "mch_gateway_requests_total{code=\"200\",consumer=\"alice\",route=\"metered\",service=\"echo\"} 2.0"),
              metrics);
          assertTrue(metrics.contains(
              "mch_gateway_requests_total{code=\"429\",consumer=\"alice\",route=\"metered\",service=\"echo\"} 1.0"));
          assertTrue(metrics.contains(
              "mch_gateway_requests_total{code=\"200\",consumer=\"bob\",route=\"metered\",service=\"echo\"} 3.0"));
          assertTrue(metrics.contains(
              "mch_gateway_requests_total{code=\"401\",consumer=\"\",route=\"metered\",service=\"echo\"} 1.0"));
          List<String> bobsBuckets = metrics.lines()
              .filter(line -> line.startsWith("mch_gateway_request_latency_seconds_bucket{consumer=\"bob\"")).toList();
          assertEquals(21, bobsBuckets.size(), "Kong's 20 latency buckets and +Inf: " + bobsBuckets);
          assertTrue(bobsBuckets.contains(
              "mch_gateway_request_latency_seconds_bucket{consumer=\"bob\",route=\"metered\",service=\"echo\","
                  + "le=\"60.0\"} 3"),
              bobsBuckets::toString);
          assertTrue(metrics.contains("mch_gateway_bandwidth_bytes_total{consumer=\"bob\",direction=\"egress\""));
          ctx.completeNow();
        })));
  }
}
