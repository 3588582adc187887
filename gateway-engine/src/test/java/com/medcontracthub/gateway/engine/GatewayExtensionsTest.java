package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.medcontracthub.gateway.engine.Plugin;
import com.medcontracthub.gateway.engine.PluginType;
import com.medcontracthub.gateway.engine.plugins.KongPlugins;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What a product registers in the engine: its plugin types, upstream schemes and problem responses. */
@ExtendWith(VertxExtension.class)
@DisplayName("Gateway extensions")
class GatewayExtensionsTest {

  @TempDir
  Path dir;

  /** Lets in the user {@code X-Test-User} names, as a product's login would; refuses a request without one. */
  private static final PluginType TEST_AUTH = new PluginType("test-auth", 1_500, ConfigSchema.builder().build(),
      (declared, context) -> new Plugin() {
        @Override
        public Future<Boolean> access(Exchange exchange) {
          String user = exchange.ctx().request().getHeader("X-Test-User");
          if (user == null) {
            exchange.problem(401, "who are you?");
            return Future.succeededFuture(false);
          }
          exchange.authenticatedUser(user);
          return Future.succeededFuture(true);
        }
      });

  /** {@code echo://<address>}: answers with its address, the user let in, and the body limit it was given. */
  private static final UpstreamType ECHO = new UpstreamType("echo", (vertx, service) -> exchange -> {
    exchange.ctx().response().putHeader("Content-Type", "application/json").end(new JsonObject()
        .put("address", service.upstream().address()).put("user", exchange.authenticatedUser())
        .put("bodyLimit", exchange.bodyLimit()).encode());
    return Future.succeededFuture();
  }, true);

  private static final GatewayExtensions PRODUCT = KongPlugins.builder()
      .plugin(TEST_AUTH)
      .upstream(ECHO)
      .problems((ctx, status, detail) -> ctx.response().setStatusCode(status)
          .putHeader("Content-Type", "application/problem+json")
          .end(new JsonObject().put("type", "urn:test:problem:" + status).put("detail", detail).encode()))
      .build();

  @Test
  @DisplayName("serve a product's plugin and upstream scheme, answer refusals with its problems, and rate-limit by "
      + "the user its plugin let in")
  void productExtensions(Vertx vertx, VertxTestContext ctx) {
    String path = "/mine-" + System.nanoTime();
    List<String> outcomes = new ArrayList<>();
    new GatewayFixture(vertx, dir, PRODUCT).gateway("""
            _format_version: "3.0"
            services:
              - name: mine
                url: echo://things.of-mine
                routes: [{name: mine, paths: [PATH]}]
                plugins:
                  - name: test-auth
                  - name: rate-limiting
                    config: {minute: 2, policy: redis, limit_by: consumer}
            """.replace("PATH", path))
        .compose(client -> MinuteWindows.clearOfMinuteEdge(vertx).map(client))
        .compose(client -> client.get(path).send().onSuccess(r -> outcomes.add("anonymous: " + problem(r)))
            .compose(v -> GatewayFixture.sequentially(3, () -> client.get(path).putHeader("X-Test-User", "alice").send()
                .onSuccess(r -> outcomes.add("alice: " + (r.statusCode() == 200 ? r.bodyAsString() : problem(r))))))
            .compose(v -> client.request(HttpMethod.GET, path).putHeader("X-Test-User", "bob").send()
                .onSuccess(r -> outcomes.add("bob: " + r.statusCode()))))
        .compose(v -> TestRedis.client(vertx).send(Request.cmd(Command.KEYS).arg("mch:rate-limiting:*:user:alice:minute:*")))
        .onComplete(ctx.succeeding(keys -> ctx.verify(() -> {
          JsonObject answer = new JsonObject().put("address", "things.of-mine").put("user", "alice")
              .put("bodyLimit", 1024 * 1024);
          assertEquals(List.of(
              "anonymous: 401 urn:test:problem:401 who are you?",
              "alice: " + answer.encode(),
              "alice: " + answer.encode(),
              "alice: 429 urn:test:problem:429 API rate limit exceeded",
              "bob: 200"), outcomes);
          assertEquals(1, keys.size(), "alice's minute, counted as user:alice: " + keys);
          ctx.completeNow();
        })));
  }

  private static String problem(HttpResponse<Buffer> r) {
    return r.statusCode() + " " + r.bodyAsJsonObject().getString("type") + " " + r.bodyAsJsonObject().getString("detail");
  }

  @Test
  @DisplayName("answer refusals with a plain RFC 9457 problem when the product registered no responder")
  void plainProblems(Vertx vertx, VertxTestContext ctx) {
    new GatewayFixture(vertx, dir).gateway("""
            _format_version: "3.0"
            services:
              - name: echo
                url: UPSTREAM/base
                routes: [{name: keyed, paths: [/keyed]}]
                plugins: [{name: key-auth}]
            """)
        .compose(client -> client.get("/keyed").send())
        .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
          assertEquals(401, refused.statusCode());
          assertEquals("application/problem+json", refused.getHeader("Content-Type"));
          assertEquals(new JsonObject().put("type", "about:blank").put("title", "Unauthorized").put("status", 401)
              .put("detail", "No API key found in request").put("instance", "/keyed"), refused.bodyAsJsonObject());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuse a plugin name or an upstream scheme that is taken")
  void takenNames() {
    assertEquals("a second plugin type named \"key-auth\"", assertThrows(IllegalArgumentException.class,
        () -> KongPlugins.builder().plugin(new PluginType("key-auth", 1, ConfigSchema.builder().build(),
            TEST_AUTH.factory())).build()).getMessage());
    assertEquals("https:// is Kong's own upstream", assertThrows(IllegalArgumentException.class,
        () -> new UpstreamType("https", ECHO.factory(), false)).getMessage());
    assertEquals("a second upstream type for echo://", assertThrows(IllegalArgumentException.class,
        () -> KongPlugins.builder().upstream(ECHO).upstream(ECHO)).getMessage());
    assertEquals(List.of("echo"), PRODUCT.schemes());
  }
}
