package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.gateway.engine.plugins.KongPlugins;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
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

  /** ... and answers 500 to everything while not {@code healthy}, counting the checks of {@code /health}. */
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
          }
          if (!healthy.get() || request.path().equals("/health")) {
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

  /**
   * A gateway balancing over two targets, the first refusing connections and the second answering {@code alive}: the
   * two {@code %d} in {@code upstream} stand for their ports.
   */
  private static Future<GatewayClient> oneDown(Vertx vertx, GatewayFixture fixture, String upstream) {
    int down = Ports.free("127.0.0.1");
    return target(vertx, "alive").compose(port -> fixture.gateway(file(upstream.formatted(down, port))));
  }

  /** {@code count} GETs one after another; their answers in order. */
  private static Future<List<HttpResponse<Buffer>>> get(GatewayClient gateway, int count) {
    return inTurn(gateway, count, i -> gateway.get("/lb").send());
  }

  /** The requests {@code request} makes for 0 to {@code count - 1}, one after another; their answers in order. */
  private static Future<List<HttpResponse<Buffer>>> inTurn(GatewayClient gateway, int count,
      IntFunction<Future<HttpResponse<Buffer>>> request) {
    return gateway.inTurn(IntStream.range(0, count)
        .<Function<GatewayClient, Future<HttpResponse<Buffer>>>>mapToObj(i -> g -> request.apply(i)).toList());
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
    oneDown(vertx, fixture, """
            - name: backends
              algorithm: least-connections
              host_header: api.internal
              targets:
                - {target: "127.0.0.1:%d"}
                - {target: "127.0.0.1:%d"}
            """)
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

  @Test
  @DisplayName("consistent hashing sends each header value to one target, reads the fallback query argument when the "
      + "header is missing, and spreads the values over the targets")
  void consistentHashing(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    int tenants = 20;
    balanced(fixture, new ArrayList<>(), target(vertx, "a"), target(vertx, "b"), """
            - name: backends
              algorithm: consistent-hashing
              hash_on: header
              hash_on_header: X-Tenant
              hash_fallback: query_arg
              hash_fallback_query_arg: tenant
              targets:
                - {target: "127.0.0.1:%d"}
                - {target: "127.0.0.1:%d"}
            """)
        .compose(gateway -> inTurn(gateway, tenants * 3, i -> i < tenants * 2
            ? gateway.get("/lb").putHeader("X-Tenant", "tenant-" + i % tenants).send()
            : gateway.get("/lb?tenant=tenant-" + i % tenants).send()))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          List<String> targets = targets(answers);
          for (int tenant = 0; tenant < tenants; tenant++) {
            String first = targets.get(tenant);
            assertEquals(first, targets.get(tenant + tenants), "the header again, tenant-" + tenant);
            assertEquals(first, targets.get(tenant + 2 * tenants), "the query argument, tenant-" + tenant);
          }
          long toA = targets.subList(0, tenants).stream().filter("a"::equals).count();
          assertTrue(toA > 0 && toA < tenants, "both targets take tenants: " + targets.subList(0, tenants));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("consistent hashing on a capture of the route's expression, falling back to the path on a route "
      + "without it")
  void hashCaptureAndPath(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    Future.all(target(vertx, "a"), target(vertx, "b"))
        .compose(ports -> fixture.gateway("""
            _format_version: "3.0"
            upstreams:
              - name: backends
                algorithm: consistent-hashing
                hash_on: uri_capture
                hash_on_uri_capture: tenant
                hash_fallback: path
                targets:
                  - {target: "127.0.0.1:%d"}
                  - {target: "127.0.0.1:%d"}
            services:
              - name: balanced
                url: http://backends/base
                routes:
                  - {name: by-tenant, paths: ["~/t/(?<tenant>[a-z0-9-]+)/"]}
                  - {name: other, paths: [/lb]}
            """.formatted(ports.<Integer>resultAt(0), ports.<Integer>resultAt(1))))
        .compose(gateway -> inTurn(gateway, 40, i -> gateway.get(i < 20 ? "/t/tenant-" + i % 10 + "/page-" + i
            : "/lb/report-" + i % 10).send()))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          List<String> targets = targets(answers);
          for (int i = 0; i < 10; i++) {
            assertEquals(targets.get(i), targets.get(i + 10), "a tenant's pages go where the tenant goes: " + i);
            assertEquals(targets.get(20 + i), targets.get(30 + i), "one path, one target: " + i);
          }
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("consistent hashing on a cookie sets one on a client that has none, and keeps that client on one target")
  void hashCookie(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    balanced(fixture, new ArrayList<>(), target(vertx, "a"), target(vertx, "b"), """
            - name: backends
              algorithm: consistent-hashing
              hash_on: cookie
              hash_on_cookie: affinity
              hash_on_cookie_path: /lb
              targets:
                - {target: "127.0.0.1:%d"}
                - {target: "127.0.0.1:%d"}
            """)
        .compose(gateway -> gateway.get("/lb").send().compose(first -> {
          String setCookie = first.getHeader("Set-Cookie");
          ctx.verify(() -> assertTrue(setCookie != null
              && setCookie.matches("affinity=[0-9a-f-]{36}; Path=/lb; (?i:HttpOnly); SameSite=Lax"), setCookie));
          String cookie = setCookie.substring(0, setCookie.indexOf(';'));
          return inTurn(gateway, 8, i -> gateway.get("/lb").putHeader("Cookie", cookie).send()).map(again -> {
            List<HttpResponse<Buffer>> all = new ArrayList<>(List.of(first));
            all.addAll(again);
            return all;
          });
        }))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertEquals(1, targets(answers).stream().distinct().count(), targets(answers).toString());
          assertTrue(answers.stream().skip(1).allMatch(answer -> answer.getHeader("Set-Cookie") == null),
              "no new cookie for a client that sent one");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("passive health checks take out a target whose answers fail, counting the requests proxied to it")
  void passiveHttpFailures(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    balanced(fixture, new ArrayList<>(), target(vertx, "a"),
        target(vertx, "b", new AtomicBoolean(false), new AtomicInteger()), """
            - name: backends
              healthchecks:
                passive:
                  unhealthy: {http_failures: 2}
              targets:
                - {target: "127.0.0.1:%d"}
                - {target: "127.0.0.1:%d"}
            """)
        .compose(gateway -> get(gateway, 8))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertEquals(List.of(200, 500, 200, 500, 200, 200, 200, 200), statuses(answers));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a target passive checks took out is probed at the unhealthy interval, and back once it answers well")
  void passiveThenActive(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    AtomicBoolean bHealthy = new AtomicBoolean(false);
    AtomicInteger bChecks = new AtomicInteger();
    balanced(fixture, new ArrayList<>(), target(vertx, "a"), target(vertx, "b", bHealthy, bChecks), """
            - name: backends
              healthchecks:
                active:
                  http_path: /health
                  healthy: {interval: 0, successes: 1}
                  unhealthy: {interval: 0.1}
                passive:
                  unhealthy: {http_failures: 1}
              targets:
                - {target: "127.0.0.1:%d"}
                - {target: "127.0.0.1:%d"}
            """)
        .compose(gateway -> get(gateway, 4).compose(whileDown -> {
          ctx.verify(() -> assertEquals(List.of(200, 500, 200, 200), statuses(whileDown)));
          bHealthy.set(true);
          // only the probes can bring b back: no request goes to it while it is out
          return fixture.until(() -> gateway.get("/lb").send().map(r -> r.bodyAsJsonObject().getString("target")),
              "b");
        }))
        .onComplete(ctx.succeeding(backUp -> ctx.verify(() -> {
          assertTrue(bChecks.get() > 0, "probed while out");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("consistent hashing retries a request on the next target round the ring when its own cannot be reached")
  void hashRetry(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    oneDown(vertx, fixture, """
            - name: backends
              algorithm: consistent-hashing
              hash_on: header
              hash_on_header: X-Tenant
              targets:
                - {target: "127.0.0.1:%d"}
                - {target: "127.0.0.1:%d"}
            """)
        .compose(gateway -> inTurn(gateway, 10, i -> gateway.get("/lb").putHeader("X-Tenant", "t-" + i).send()))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertEquals(java.util.Collections.nCopies(10, 200), statuses(answers));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a small ring still gives every target its share")
  void smallRing() {
    List<GatewaySpec.Target> targets = java.util.stream.IntStream.range(0, 8)
        .mapToObj(i -> new GatewaySpec.Target("10.0.0." + i, 80, 100)).toList();
    HashRing ring = new HashRing(targets, 100);
    long reached = java.util.stream.IntStream.range(0, 2000).map(i -> ring.target("key-" + i, t -> true))
        .distinct().count();
    assertEquals(8, reached);
  }

  @Test
  @DisplayName("passive health checks take out a target that refuses connections, so a POST, never retried, meets it "
      + "once")
  void passiveTcpFailures(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    oneDown(vertx, fixture, """
            - name: backends
              healthchecks:
                passive:
                  unhealthy: {tcp_failures: 1}
              targets:
                - {target: "127.0.0.1:%d"}
                - {target: "127.0.0.1:%d"}
            """)
        .compose(gateway -> inTurn(gateway, 4,
            i -> gateway.request(HttpMethod.POST, "/lb").sendBuffer(Buffer.buffer("{}"))))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertEquals(List.of(502, 200, 200, 200), statuses(answers));
          ctx.completeNow();
        })));
  }

  private static List<Integer> statuses(List<HttpResponse<Buffer>> answers) {
    return answers.stream().map(HttpResponse::statusCode).toList();
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
  @DisplayName("takes decK's switched-off health checks, and refuses what Kong refuses or is not built, naming the path")
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
    assertEquals("upstreams[0].algorithm: expected one of round-robin, least-connections, consistent-hashing but got "
            + "\"latency\"", refusal(offChecks.replace("round-robin", "latency")));
    assertEquals("upstreams[0].hash_on_header: required", refusal(offChecks.replace("hash_on: none", "hash_on: header")));
    assertEquals("upstreams[0].hash_fallback: must be none when hash_on is cookie", refusal(offChecks.replace(
        "hash_on: none", "hash_on: cookie\n  hash_on_cookie: c\n  hash_fallback: ip")));
    assertEquals("upstreams[0].hash_fallback: must differ from hash_on", refusal(offChecks.replace("hash_on: none",
        "hash_on: ip\n  hash_fallback: ip")));
    assertEquals("upstreams[0].targets[0].target: expected host:port but got \"10.0.0.7:80:80\"",
        refusal(offChecks.replace("\"10.0.0.7\"", "\"10.0.0.7:80:80\"")));
  }

  private static String refusal(String upstream) {
    return assertThrows(DeclarativeException.class, () -> GatewayFile.parse(file(upstream), KONG)).getMessage();
  }
}
