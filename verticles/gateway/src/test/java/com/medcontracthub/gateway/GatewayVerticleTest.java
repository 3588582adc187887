package com.medcontracthub.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Headers;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.gateway.engine.TestCertificates;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.health.DependencyChecks;
import com.medcontracthub.platform.management.ManagementVerticle;
import com.medcontracthub.platform.node.VertxFactory;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Gateway health and metrics")
class GatewayVerticleTest {

  private static Future<GatewayVerticle> deploy(Vertx vertx, Map<String, String> env) {
    return ConfigLoader.load(vertx, "cluster", Optional.empty(), env, Map.of()).compose(config -> {
      GatewayVerticle gateway = new GatewayVerticle(config, DependencyChecks.create(vertx, config).healthChecks());
      return vertx.deployVerticle(gateway).map(id -> gateway);
    });
  }

  @Test
  @DisplayName("is ready when Kafka, PostgreSQL and Redis answer, and echoes the caller's correlation id")
  void ready(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx, TestInfrastructure.environment())
        .compose(gateway -> new GatewayClient(vertx, gateway.port()).get("/health/ready")
            .putHeader(Headers.CORRELATION_ID, "trace-42").send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertEquals(200, response.statusCode());
          assertEquals("trace-42", response.getHeader(Headers.CORRELATION_ID));
          Map<String, String> status = statusById(response.bodyAsJsonObject());
          assertEquals(Map.of("kafka", "UP", "postgres", "UP", "redis", "UP"), status);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("answers 503 naming the dependency that is down, while staying live")
  void notReady(Vertx vertx, VertxTestContext ctx) {
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put("MCH_REDIS_URI", "redis://127.0.0.1:" + Ports.free("127.0.0.1"));
    env.put("MCH_HEALTH_TIMEOUT_MS", "1000");
    deploy(vertx, env)
        .compose(gateway -> {
          GatewayClient client = new GatewayClient(vertx, gateway.port());
          return client.get("/health/ready").send().compose(ready -> {
            ctx.verify(() -> {
              assertEquals(503, ready.statusCode());
              assertEquals("DOWN", statusById(ready.bodyAsJsonObject()).get("redis"));
              assertEquals("UP", statusById(ready.bodyAsJsonObject()).get("kafka"));
            });
            return client.get("/health/live").send();
          });
        })
        .onComplete(ctx.succeeding(live -> ctx.verify(() -> {
          assertEquals(200, live.statusCode());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("measures the JVM, its HTTP traffic and its login route for Prometheus on the management port, not "
      + "the public one, and puts a correlation id on every public response")
  void metrics(Vertx vertx, VertxTestContext ctx) {
    // metrics are switched on when Vert.x is built, so this test builds it as the launcher does
    ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .compose(config -> VertxFactory.create(config, false).compose(metered -> {
          ManagementVerticle management = new ManagementVerticle(config.management(),
              DependencyChecks.create(metered, config).healthChecks());
          return deploy(metered, TestInfrastructure.environment())
              .compose(gateway -> metered.deployVerticle(management).map(gateway))
              .compose(gateway -> {
                GatewayClient client = new GatewayClient(metered, gateway.port());
                // no identity service runs: the login is a 503, which the API's objectives must count
                return client.request(HttpMethod.POST, "/api/v1/auth/login")
                    .sendJsonObject(new JsonObject().put("email", "a@example.gov").put("password", "x"))
                    .compose(login -> Future.all(client.get("/health/live").send(), client.get("/metrics").send()))
                    .compose(publicPort -> new GatewayClient(metered, management.port()).get("/metrics").send()
                        .map(scraped -> List.of(publicPort.resultAt(0), publicPort.resultAt(1), scraped)));
              })
              .onComplete(done -> vertx.runOnContext(v -> metered.close()));
        }))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          HttpResponse<Buffer> live = responses.get(0);
          HttpResponse<Buffer> notPublic = responses.get(1);
          HttpResponse<Buffer> scraped = responses.get(2);
          assertTrue(live.getHeader(Headers.CORRELATION_ID).matches("[0-9a-f-]{36}"));
          assertEquals(404, notPublic.statusCode(), "no metrics on the public port");
          assertEquals(200, scraped.statusCode());
          assertTrue(scraped.getHeader("Content-Type").startsWith("text/plain"), scraped.getHeader("Content-Type"));
          assertTrue(scraped.bodyAsString().contains("jvm_memory_used_bytes"));
          assertTrue(scraped.bodyAsString().contains("vertx_http_server_requests_total"));
          assertTrue(scraped.bodyAsString().contains(
              "mch_gateway_requests_total{code=\"503\",consumer=\"\",route=\"login\",service=\"gateway\"} 1.0"),
              "the gateway's own login route is counted with the API's");
          assertTrue(scraped.bodyAsString().contains(
              "mch_gateway_request_latency_seconds_count{consumer=\"\",route=\"login\",service=\"gateway\"} 1"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("answers problem+json: 404 for an unknown route, 401 for the API without a token, 503 when no "
      + "service logs in, 400 for a malformed login body or an unknown field, 413 for a big body")
  void problems(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx, TestInfrastructure.environment()).compose(gateway -> {
      GatewayClient client = new GatewayClient(vertx, gateway.port());
      return client.get("/nothing-here").send().compose(unknown -> {
        ctx.verify(() -> assertProblem(unknown, 404, "urn:mch:problem:not-found"));
        return client.get("/api/v1/opportunities").send();
      }).compose(noToken -> {
        ctx.verify(() -> {
          assertProblem(noToken, 401, "urn:mch:problem:unauthorized");
          assertEquals("Bearer", noToken.getHeader("WWW-Authenticate"));
        });
        return client.request(HttpMethod.POST, "/api/v1/auth/login")
            .sendJsonObject(new JsonObject().put("email", "a@example.gov").put("password", "x"));
      }).compose(noService -> {
        ctx.verify(() -> assertProblem(noService, 503, "urn:mch:problem:unavailable"));
        return client.request(HttpMethod.POST, "/api/v1/auth/login").sendBuffer(Buffer.buffer("{not json"));
      }).compose(badBody -> {
        ctx.verify(() -> assertProblem(badBody, 400, "urn:mch:problem:bad-request"));
        return client.request(HttpMethod.POST, "/api/v1/auth/login")
            .sendJsonObject(new JsonObject().put("email", "a@example.gov").put("password", "x").put("role", "admin"));
      }).compose(unknownField -> {
        ctx.verify(() -> assertProblem(unknownField, 400, "urn:mch:problem:bad-request"));
        return client.request(HttpMethod.POST, "/api/v1/auth/login").sendBuffer(Buffer.buffer(new byte[2 * 1024 * 1024]));
      });
    }).onComplete(ctx.succeeding(tooBig -> ctx.verify(() -> {
      assertProblem(tooBig, 413, "urn:mch:problem:body-too-large");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("serves the product's API from conf/gateway.yaml by default, listed in /openapi.json")
  void productApi(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx, TestInfrastructure.environment())
        .compose(gateway -> new GatewayClient(vertx, gateway.port()).get("/openapi.json").send())
        .onComplete(ctx.succeeding(openApi -> ctx.verify(() -> {
          JsonObject paths = openApi.bodyAsJsonObject().getJsonObject("paths");
          assertEquals(Set.of("get", "put"), paths.getJsonObject("/api/v1/pipeline/{opportunityId}").fieldNames());
          assertEquals(Set.of("get", "put", "delete"), paths.getJsonObject("/api/v1/saved-searches/{id}").fieldNames());
          assertTrue(paths.containsKey("/api/v1/auth/login"), paths.fieldNames().toString());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("with gateway.https-port, serves the same routes over TLS with the certificates of its gateway files")
  void tls(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    TestCertificates authority = new TestCertificates("gateway test authority");
    TestCertificates.Issued localhost = authority.issue("localhost");
    Path file = Files.writeString(dir.resolve("tls.yaml"), """
        _format_version: "3.0"
        certificates:
          - cert: |
        %s
            key: |
        %s
            snis: [localhost]
        """.formatted(localhost.certificate().indent(6), localhost.key().indent(6)));
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put("MCH_GATEWAY_HTTPS_PORT", "0");
    env.put("MCH_GATEWAY_DECLARATIVE_FILE", file.toString());
    WebClient client = WebClient.create(vertx, new WebClientOptions().setSsl(true).setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(authority.caCertificate()))));
    deploy(vertx, env)
        .compose(gateway -> client.get(gateway.httpsPort(), "localhost", "/health/live").timeout(10_000).send())
        .onComplete(ctx.succeeding(live -> ctx.verify(() -> {
          assertEquals(200, live.statusCode(), live.bodyAsString());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses to start with gateway.https-port when no gateway file declares a certificate")
  void tlsWithoutCertificates(Vertx vertx, VertxTestContext ctx) {
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put("MCH_GATEWAY_HTTPS_PORT", "0");
    deploy(vertx, env).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertEquals("gateway.https-port is set, but no gateway file declares certificates to serve", e.getMessage());
      ctx.completeNow();
    })));
  }

  private static void assertProblem(HttpResponse<Buffer> response,
      int status, String type) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals(type, response.bodyAsJsonObject().getString("type"));
    assertEquals(status, response.bodyAsJsonObject().getInteger("status"));
  }

  private static Map<String, String> statusById(JsonObject health) {
    return health.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(c -> c.getString("id"), c -> c.getString("status")));
  }
}
