package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.medcontracthub.testkit.ServerProcess;
import com.medcontracthub.testkit.ZipkinApi;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's opentelemetry plugin against a real OTLP receiver: Apache SkyWalking's OAP server (test-servers/skywalking-oap
 * lays it out), which takes OTLP over gRPC and serves what it received on Zipkin's query API.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The opentelemetry plugin")
class OpenTelemetryPluginTest {

  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String CALLER_SPAN = "b7ad6b7169203331";
  private static ServerProcess oap;
  private static int otlpPort;
  private static int queryPort;

  @TempDir
  Path dir;

  @BeforeAll
  static void startOap() throws Exception {
    otlpPort = Ports.free("127.0.0.1");
    queryPort = Ports.free("127.0.0.1");
    oap = ServerProcess.start("skywalking-oap", "The key booting parameters", List.of("-Xmx256m",
            "-Dcore.default.gRPCPort=" + otlpPort, "-Dcore.default.restPort=" + Ports.free("127.0.0.1"),
            "-Dquery-zipkin.default.restPort=" + queryPort,
            "-cp", "config:libs/*", "org.apache.skywalking.oap.server.starter.OAPServerStartUp"),
        Path.of("../test-servers/skywalking-oap/target/oap"));
  }

  @AfterAll
  static void stopOap() throws Exception {
    oap.stop();
  }

  private static String file(String endpoint) {
    return KongFiles.tracedRoute("opentelemetry", """
        {traces_endpoint: "%s", sampling_rate: 1, resource_attributes: {service.name: mch-gateway},
         http_response_header_for_traceid: X-Trace-Id, queue: {max_coalescing_delay: 0.1}}""".formatted(endpoint));
  }

  @Test
  @DisplayName("continues the caller's W3C trace with a server span, hands it to the upstream, and exports it over OTLP/gRPC")
  void exports(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    new GatewayFixture(vertx, dir).gateway(file("grpc://127.0.0.1:" + otlpPort))
        .compose(gateway -> gateway.get("/traced/items?page=2")
            .putHeader("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01").send())
        .compose(traced -> {
          ctx.verify(() -> {
            assertEquals(200, traced.statusCode());
            assertEquals(TRACE, traced.getHeader("X-Trace-Id"));
            String handedOn = traced.bodyAsJsonObject().getJsonObject("headers").getString("traceparent");
            assertEquals("00-" + TRACE, handedOn.substring(0, 35), "same trace");
            assertNotEquals(CALLER_SPAN, handedOn.split("-")[2], "the gateway's own span is the parent");
          });
          return ZipkinApi.trace(vertx, client, queryPort, "/zipkin/api/v2", TRACE);
        })
        .onComplete(ctx.succeeding(spans -> ctx.verify(() -> {
          assertEquals(1, spans.size(), spans.encodePrettily());
          JsonObject span = spans.getJsonObject(0);
          assertEquals(CALLER_SPAN, span.getString("parentId"));
          assertEquals("SERVER", span.getString("kind"));
          assertEquals("kong", span.getString("name"));
          assertEquals("mch-gateway", span.getJsonObject("localEndpoint").getString("serviceName"));
          JsonObject tags = span.getJsonObject("tags");
          assertEquals("GET", tags.getString("http.method"));
          assertEquals("200", tags.getString("http.status_code"));
          assertEquals("traced", tags.getString("kong.route.name"));
          assertEquals("echo", tags.getString("kong.service.name"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("answers every request while its collector is down, and starts new traces in W3C headers")
  void collectorDown(Vertx vertx, VertxTestContext ctx) {
    Checkpoint answered = ctx.checkpoint(3);
    new GatewayFixture(vertx, dir).gateway(file("grpc://127.0.0.1:" + Ports.free("127.0.0.1")))
        .onComplete(ctx.succeeding(gateway -> {
          for (int i = 0; i < 3; i++) {
            gateway.get("/traced").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
              assertEquals(200, response.statusCode());
              String traceparent = response.bodyAsJsonObject().getJsonObject("headers").getString("traceparent");
              assertEquals(response.getHeader("X-Trace-Id"), traceparent.split("-")[1]);
              answered.flag();
            })));
          }
        }));
  }
}
