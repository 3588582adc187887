package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.medcontracthub.testkit.ServerProcess;
import com.medcontracthub.testkit.ZipkinApi;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
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

/** Kong's zipkin plugin against a real Zipkin server (the build puts its jar in target/zipkin). */
@ExtendWith(VertxExtension.class)
@DisplayName("The zipkin plugin")
class ZipkinPluginTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static ServerProcess zipkin;
  private static int zipkinPort;

  @TempDir
  Path dir;

  @BeforeAll
  static void startZipkin() throws Exception {
    zipkinPort = Ports.free("127.0.0.1");
    zipkin = ServerProcess.start("zipkin", "Serving HTTP at",
        List.of("-Xmx256m", "-DQUERY_PORT=" + zipkinPort, "-jar", "zipkin/zipkin-server.jar"), Path.of("target"));
  }

  @AfterAll
  static void stopZipkin() throws Exception {
    zipkin.stop();
  }

  @Test
  @DisplayName("continues the caller's W3C trace with a span of its own, hands it to the upstream, and reports it")
  void reports(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    WebClient client = WebClient.create(vertx);
    fixture.gateway(KongFiles.tracedRoute("zipkin", """
            {http_endpoint: "http://127.0.0.1:%d/api/v2/spans", sample_ratio: 1,
             local_service_name: mch-gateway, http_span_name: method_path}""".formatted(zipkinPort)))
        .compose(gateway -> gateway.get("/traced/items").putHeader("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01")
            .send()
            .compose(traced -> {
              ctx.verify(() -> {
                assertEquals(200, traced.statusCode());
                String handedOn = traced.bodyAsJsonObject().getJsonObject("headers").getString("traceparent");
                assertEquals("00-" + TRACE, handedOn.substring(0, 35), "same trace");
                assertNotEquals(CALLER_SPAN, handedOn.split("-")[2], "the gateway's own span is the parent");
              });
              return gateway.get("/traced").send();
            }))
        .compose(untraced -> {
          ctx.verify(() -> assertNotNull(untraced.bodyAsJsonObject().getJsonObject("headers").getString("x-b3-traceid"),
              "a new trace, handed on in the default B3 headers"));
          return ZipkinApi.trace(vertx, client, zipkinPort, "/api/v2", TRACE);
        })
        .onComplete(ctx.succeeding(spans -> ctx.verify(() -> {
          JsonObject span = spans.getJsonObject(0);
          assertEquals(CALLER_SPAN, span.getString("parentId"));
          assertEquals("SERVER", span.getString("kind"));
          assertEquals("get /traced/items", span.getString("name"));
          assertEquals("mch-gateway", span.getJsonObject("localEndpoint").getString("serviceName"));
          assertEquals("200", span.getJsonObject("tags").getString("http.status_code"));
          assertEquals("traced", span.getJsonObject("tags").getString("kong.route"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("follows Kong's propagation example: extracts in order, clears the named headers, injects W3C")
  void propagation(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    String b3Trace = "80f198ee56343ba864fe8b2a57d3eff7";
    new GatewayFixture(vertx, dir).gateway(KongFiles.tracedRoute("zipkin", """
            {http_endpoint: "http://127.0.0.1:%d/api/v2/spans", sample_ratio: 0,
             propagation: {extract: [w3c, b3, jaeger, ot, aws, datadog], clear: [b3, uber-trace-id], inject: [w3c],
                           default_format: w3c}}""".formatted(zipkinPort)))
        .compose(gateway -> gateway.get("/traced")
            .putHeader("uber-trace-id", TRACE + ":" + CALLER_SPAN + ":0:1")
            .putHeader("b3", b3Trace + "-e457b5a2e4d86bd1-1").send())
        .compose(traced -> {
          JsonObject headers = traced.bodyAsJsonObject().getJsonObject("headers");
          ctx.verify(() -> {
            String traceparent = headers.getString("traceparent");
            assertEquals("00-" + b3Trace, traceparent.substring(0, 35), "b3 comes before jaeger in extract");
            assertEquals("01", traceparent.substring(53), "the caller's sampling decision, over the plugin's ratio");
            assertNull(headers.getString("b3"), "cleared");
            assertNull(headers.getString("uber-trace-id"), "cleared");
          });
          return ZipkinApi.trace(vertx, client, zipkinPort, "/api/v2", b3Trace);
        })
        .onComplete(ctx.succeeding(spans -> ctx.verify(() -> {
          assertEquals("e457b5a2e4d86bd1", spans.getJsonObject(0).getString("parentId"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("with header_type ignore, starts a new trace and hands it on in the default header type")
  void ignoresCaller(Vertx vertx, VertxTestContext ctx) {
    new GatewayFixture(vertx, dir).gateway(KongFiles.tracedRoute("zipkin", """
            {http_endpoint: "http://127.0.0.1:%d/api/v2/spans", header_type: ignore, default_header_type: jaeger}"""
            .formatted(zipkinPort)))
        .compose(gateway -> gateway.get("/traced").putHeader("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01")
            .send())
        .onComplete(ctx.succeeding(traced -> ctx.verify(() -> {
          JsonObject headers = traced.bodyAsJsonObject().getJsonObject("headers");
          String uber = headers.getString("uber-trace-id");
          assertNotNull(uber, headers.encode());
          assertNotEquals(TRACE, uber.split(":")[0]);
          assertEquals("00-" + TRACE + "-" + CALLER_SPAN + "-01", headers.getString("traceparent"),
              "the caller's own header passes unchanged: " + headers.encode());
          ctx.completeNow();
        })));
  }
}
