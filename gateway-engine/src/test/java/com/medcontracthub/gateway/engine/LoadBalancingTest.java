package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.medcontracthub.gateway.engine.plugins.KongPlugins;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Kong's upstreams and targets: a service whose host names an upstream is balanced over its targets. */
@ExtendWith(VertxExtension.class)
@DisplayName("Load-balanced upstreams")
class LoadBalancingTest {

  private static final GatewayExtensions KONG = KongPlugins.only();

  @TempDir
  Path dir;

  /** A target that answers with its name and the Host it was sent. */
  private static Future<Integer> target(Vertx vertx, String name) {
    return target(vertx, name, new AtomicBoolean(true), new AtomicInteger());
  }

  /** ... and answers {@code /health} with 200 while {@code healthy}, else 500, counting those checks. */
  private static Future<Integer> target(Vertx vertx, String name, AtomicBoolean healthy, AtomicInteger checks) {
    return target(vertx, name, healthy, checks, "127.0.0.1");
  }

  /** ... listening on {@code host}. */
  private static Future<Integer> target(Vertx vertx, String name, AtomicBoolean healthy, AtomicInteger checks,
      String host) {
    return vertx.createHttpServer()
        .requestHandler(request -> {
          if (request.path().equals("/health")) {
            checks.incrementAndGet();
            request.response().setStatusCode(healthy.get() ? 200 : 500).end();
            return;
          }
          request.response().putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("target", name).put("host", request.getHeader("Host")).encode());
        })
        .listen(0, host).map(server -> server.actualPort());
  }

  private static String file(String upstream) {
    return """
        _format_version: "3.0"
        upstreams:
        %s
        services:
          - name: balanced
            url: http://backends/base
            retries: 3
            routes: [{name: balanced, paths: [/lb]}]
        """.formatted(upstream.indent(2));
  }

  /**
   * A gateway balancing over two targets once both listen: the two {@code %d} in {@code upstream} stand for their ports,
   * which are added to {@code ports}.
   */
  private static Future<GatewayClient> balanced(GatewayFixture fixture, List<Integer> ports, Future<Integer> first,
      Future<Integer> second, String upstream) {
    return Future.all(first, second).compose(started -> {
      ports.add(started.resultAt(0));
      ports.add(started.resultAt(1));
      return fixture.gateway(file(upstream.formatted(ports.get(0), ports.get(1))));
    });
  }

  /** {@code count} GETs one after another; their answers in order. */
  private static Future<List<HttpResponse<Buffer>>> get(GatewayClient gateway, int count) {
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < count; i++) {
      chain = chain.compose(v -> gateway.get("/lb").send().map(answer -> {
        answers.add(answer);
        return null;
      }));
    }
    return chain.map(answers);
  }

  @Test
  @DisplayName("spreads requests over the targets in proportion to their weights, each sent its own Host")
  void weights(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    List<Integer> ports = new ArrayList<>();
    balanced(fixture, ports, target(vertx, "a"), target(vertx, "b"), """
            - name: backends
              targets:
                - {target: "127.0.0.1:%d", weight: 200}
                - {target: "127.0.0.1:%d", weight: 100}
            """)
        .compose(gateway -> get(gateway, 6))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          List<String> targets = targets(answers);
          assertEquals(4, targets.stream().filter("a"::equals).count(), targets.toString());
          assertEquals(2, targets.stream().filter("b"::equals).count(), targets.toString());
          JsonObject toB = answers.stream().map(HttpResponse::bodyAsJsonObject)
              .filter(a -> a.getString("target").equals("b")).findFirst().orElseThrow();
          assertEquals("127.0.0.1:" + ports.get(1), toB.getString("host"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("reaches targets written as IPv6 addresses, [::1]:port, and sends them a Host in brackets; a bare ::1 "
      + "is on Kong's default port")
  void ipv6Targets(Vertx vertx, VertxTestContext ctx) {
    assertEquals(new GatewaySpec.Target("::1", 8000, 100), GatewayFile.parse(file("""
            - name: backends
              targets: [{target: "::1"}]
            """), KONG).services().get(0).upstream().balancing().targets().get(0));
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    List<Integer> ports = new ArrayList<>();
    balanced(fixture, ports, target(vertx, "a", new AtomicBoolean(true), new AtomicInteger(), "::1"),
        target(vertx, "b", new AtomicBoolean(true), new AtomicInteger(), "::1"), """
            - name: backends
              targets:
                - {target: "[::1]:%d"}
                - {target: "[0:0:0:0:0:0:0:1]:%d"}
            """)
        .compose(gateway -> get(gateway, 2))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertEquals(List.of("a", "b"), targets(answers).stream().sorted().toList());
          assertEquals(List.of("[0:0:0:0:0:0:0:1]:" + ports.get(1), "[::1]:" + ports.get(0)), answers.stream()
              .map(answer -> answer.bodyAsJsonObject().getString("host")).sorted().toList());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("retries an idempotent request on the next target when one cannot be reached; sends host_header as Host")
  void failover(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    int down = Ports.free("127.0.0.1");
    target(vertx, "alive")
        .compose(port -> fixture.gateway(file("""
            - name: backends
              algorithm: least-connections
              host_header: api.internal
              targets:
                - {target: "127.0.0.1:%d"}
                - {target: "127.0.0.1:%d"}
            """.formatted(down, port))))
        .compose(gateway -> get(gateway, 4))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          for (HttpResponse<Buffer> answer : answers) {
            assertEquals(200, answer.statusCode(), answer.bodyAsString());
            assertEquals("alive", answer.bodyAsJsonObject().getString("target"));
            assertEquals("api.internal", answer.bodyAsJsonObject().getString("host"));
          }
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("takes a target out while its active health checks fail, and back once they pass")
  void activeHealthChecks(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    AtomicBoolean bHealthy = new AtomicBoolean(true);
    AtomicInteger bChecks = new AtomicInteger();
    balanced(fixture, new ArrayList<>(), target(vertx, "a"), target(vertx, "b", bHealthy, bChecks), """
            - name: backends
              healthchecks:
                active:
                  http_path: /health
                  healthy: {interval: 0.1, successes: 2}
                  unhealthy: {interval: 0.1, http_failures: 2}
              targets:
                - {target: "127.0.0.1:%d"}
                - {target: "127.0.0.1:%d"}
            """)
        .compose(gateway -> {
          // checks run one after another: once a third has been answered, the two before it were counted
          bHealthy.set(false);
          int failing = bChecks.get() + 3;
          return fixture.until(() -> Future.succeededFuture(bChecks.get() >= failing), true)
              .compose(t -> get(gateway, 4))
              .compose(whileDown -> {
                ctx.verify(() -> assertEquals(List.of("a", "a", "a", "a"), targets(whileDown)));
                bHealthy.set(true);
                int passing = bChecks.get() + 3;
                return fixture.until(() -> Future.succeededFuture(bChecks.get() >= passing), true)
                    .compose(t -> get(gateway, 4));
              });
        })
        .onComplete(ctx.succeeding(backUp -> ctx.verify(() -> {
          assertEquals(2, targets(backUp).stream().filter("b"::equals).count(), targets(backUp).toString());
          ctx.completeNow();
        })));
  }

  private static List<String> targets(List<HttpResponse<Buffer>> answers) {
    return answers.stream().map(a -> a.bodyAsJsonObject().getString("target")).toList();
  }

  @Test
  @DisplayName("answers 503 when no target takes requests")
  void noTarget(Vertx vertx, VertxTestContext ctx) {
    new GatewayFixture(vertx, dir).gateway(file("""
            - name: backends
              targets: [{target: "127.0.0.1:1", weight: 0}]
            """))
        .compose(gateway -> gateway.get("/lb").send())
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertEquals(503, answer.statusCode());
          assertEquals("no healthy target of upstream backends takes requests",
              answer.bodyAsJsonObject().getString("detail"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("takes decK's switched-off health checks, and refuses what it does not do, naming the path")
  void validation() {
    String offChecks = """
        - name: backends
          algorithm: round-robin
          hash_on: none
          slots: 10000
          healthchecks:
            active: {type: http, http_path: /, healthy: {interval: 0, successes: 0}, unhealthy: {interval: 0, http_failures: 0}}
            passive: {healthy: {successes: 0}, unhealthy: {http_failures: 0, tcp_failures: 0, timeouts: 0}}
            threshold: 0
          targets: [{target: "10.0.0.7"}]
        """;
    GatewaySpec spec = GatewayFile.parse(file(offChecks), KONG);
    GatewaySpec.Target target = spec.services().get(0).upstream().balancing().targets().get(0);
    assertEquals(new GatewaySpec.Target("10.0.0.7", 8000, 100), target, "Kong's default port and weight");
    assertEquals("upstreams[0].healthchecks.passive.unhealthy.tcp_failures: passive health checks are not run by this "
            + "gateway (active ones are): give 0, Kong's default",
        assertThrows(DeclarativeException.class, () -> GatewayFile.parse(file(offChecks.replace("tcp_failures: 0",
            "tcp_failures: 3")), KONG)).getMessage());
    assertEquals("upstreams[0].algorithm: expected one of round-robin, least-connections but got \"consistent-hashing\"",
        assertThrows(DeclarativeException.class, () -> GatewayFile.parse(file(offChecks.replace("round-robin",
            "consistent-hashing")), KONG)).getMessage());
    assertEquals("upstreams[0].targets[0].target: expected host:port but got \"10.0.0.7:80:80\"",
        assertThrows(DeclarativeException.class, () -> GatewayFile.parse(file(offChecks.replace("\"10.0.0.7\"",
            "\"10.0.0.7:80:80\"")), KONG)).getMessage());
  }
}
