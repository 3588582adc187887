package com.medcontracthub.gateway.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.platform.http.ProductLogins;
import com.medcontracthub.gateway.engine.GatewayFixture;
import com.medcontracthub.gateway.engine.KongFiles;
import com.medcontracthub.platform.auth.JwtKeys;
import com.medcontracthub.platform.auth.Tokens;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.MinuteWindows;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's gateway serving declarative files with what it registers in the engine: {@code eventbus://}
 * services, the product's API file before a team's, {@code mch-auth}, the product's problems, the product's tokens
 * verified by Kong's openid-connect. Kong's own behaviour is tested in the engine's module.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The product's gateway on declarative files")
class ProductGatewayTest {

  @TempDir
  Path dir;
  private ProductFixture fixture;

  @BeforeEach
  void upstream(Vertx vertx) {
    fixture = new ProductFixture(vertx, dir);
  }

  /** The engine's routes and an {@code eventbus://} service. */
  private static final String ROUTES = KongFiles.routes("""
        - name: things
          url: eventbus://test.declarative.things
          routes:
            - {name: thing, paths: ["~/things/(?<id>[^/]+)$"], methods: [POST]}
      """);

  @Test
  @DisplayName("count the limits of the API file and of a team's file apart, though declared at the same place")
  void limitsPerFile(Vertx vertx, VertxTestContext ctx) {
    List<Integer> statuses = new ArrayList<>();
    fixture.gateway(KongFiles.locallyLimited("/api-limited", 1), KongFiles.locallyLimited("/team-limited", 1))
        .compose(client -> MinuteWindows.clearOfMinuteEdge(vertx).map(client))
        .compose(client -> GatewayFixture.sequentially(2, () -> client.get("/api-limited").send()
                .onSuccess(r -> statuses.add(r.statusCode())))
            .compose(v -> client.get("/team-limited").send().onSuccess(r -> statuses.add(r.statusCode()))))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(200, 429, 200), statuses);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("serves the product's API file before a team's file, each file's global plugins on its own routes only")
  void apiFileFirst(Vertx vertx, VertxTestContext ctx) {
    fixture.gateway("""
            _format_version: "3.0"
            services:
              - name: everything
                url: UPSTREAM/base
                routes: [{name: everything, paths: [/]}]
            plugins: [{name: key-auth}]
            """)
        .compose(client -> client.get("/api/v1/opportunities").send()
            .compose(product -> {
              ctx.verify(() -> {
                assertEquals(401, product.statusCode());
                assertEquals(ProductLogins.REQUIRED, product.bodyAsJsonObject().getString("detail"));
              });
              return client.get("/partner/feed").send();
            }))
        .onComplete(ctx.succeeding(team -> ctx.verify(() -> {
          assertEquals(401, team.statusCode());
          assertEquals("No API key found in request", team.bodyAsJsonObject().getString("detail"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("serves an eventbus:// service: method, named path groups, query, headers and body reach the address; "
      + "a body outside the service's declared schema is refused naming the place; /openapi.json shows it")
  void eventBus(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<JsonObject>consumer("test.declarative.things", message -> message.reply(new JsonObject()
        .put("seen", message.body())));
    ServiceSchemas.declare(vertx, "test.declarative.things", new JsonObject().put("summary", "order a thing")
        .put("body", new JsonObject().put("type", "object").put("required", new JsonArray().add("qty"))
            .put("properties", new JsonObject().put("qty", new JsonObject().put("type", "integer").put("minimum", 1)))))
        .await();
    fixture.gateway(ROUTES.replace("NOWHERE", "1"))
        .compose(client -> client.request(HttpMethod.POST, "/things/42?color=red").putHeader("X-Trace", "t1")
            .sendJsonObject(new JsonObject().put("qty", 3))
            .compose(created -> {
              ctx.verify(() -> {
                assertEquals(200, created.statusCode(), created.bodyAsString());
                JsonObject seen = created.bodyAsJsonObject().getJsonObject("seen");
                assertEquals("POST", seen.getString("method"));
                assertEquals(new JsonObject().put("id", "42"), seen.getJsonObject("path"));
                assertEquals("red", seen.getJsonObject("query").getJsonArray("color").getString(0));
                assertEquals("t1", seen.getJsonObject("headers").getString("x-trace"));
                assertEquals(new JsonObject().put("qty", 3), seen.getJsonObject("body"));
              });
              return client.request(HttpMethod.POST, "/things/42").sendBuffer(Buffer.buffer("not json"));
            })
            .compose(notJson -> {
              ctx.verify(() -> assertEquals(400, notJson.statusCode()));
              return client.request(HttpMethod.POST, "/things/42").sendJsonObject(new JsonObject().put("qty", "three"));
            })
            .compose(invalid -> {
              ctx.verify(() -> {
                assertEquals(400, invalid.statusCode());
                assertTrue(invalid.bodyAsJsonObject().getString("detail").startsWith("body/qty: "),
                    invalid.bodyAsString());
              });
              return client.get("/openapi.json").send();
            }))
        .onComplete(ctx.succeeding(openApi -> ctx.verify(() -> {
          JsonObject paths = openApi.bodyAsJsonObject().getJsonObject("paths");
          assertEquals("3.1.0", openApi.bodyAsJsonObject().getString("openapi"));
          JsonObject thing = paths.getJsonObject("/things/{id}").getJsonObject("post");
          assertEquals("order a thing", thing.getString("summary"));
          assertEquals("integer", thing.getJsonObject("requestBody").getJsonObject("content")
              .getJsonObject("application/json").getJsonObject("schema").getJsonObject("properties")
              .getJsonObject("qty").getString("type"));
          assertTrue(paths.containsKey("/echo"), paths.fieldNames().toString());
          assertTrue(paths.getJsonObject("/api/v1/pipeline/{opportunityId}").containsKey("put"));
          ctx.completeNow();
        })));
  }

  private static String seen(HttpResponse<Buffer> r) {
    return r.getHeader("X-Cache-Status") + " " + r.bodyAsJsonObject().getInteger("count");
  }

  @Test
  @DisplayName("keeps an event-bus service's replies too, in memory: one cache for all of a JVM's gateway event loops")
  void cachesEventBusReplies(Vertx vertx, VertxTestContext ctx) {
    int[] asked = {0};
    String address = "test.cache." + System.nanoTime();
    vertx.eventBus().<JsonObject>consumer(address,
        m -> m.reply(new JsonObject().put("count", ++asked[0])));
    List<String> outcomes = new ArrayList<>();
    String file = """
        _format_version: "3.0"
        services:
          - name: counted
            url: eventbus://%s
            routes: [{name: counted, paths: [/counted]}]
            plugins: [{name: proxy-cache, config: {cache_ttl: 60}}]
        """.formatted(address);
    Future.all(fixture.gateway(file), fixture.gateway(file))
        .compose(both -> both.<GatewayClient>resultAt(0).get("/counted").send().onSuccess(r -> outcomes.add(seen(r)))
            .compose(v -> both.<GatewayClient>resultAt(1).get("/counted").send().onSuccess(r -> outcomes.add(seen(r)))))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of("Miss 1", "Hit 1"), outcomes);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("lets another gateway's openid-connect verify the product's login tokens through the product's discovery "
      + "document and JWK Set; refuses a tampered one")
  void productIssuer(Vertx vertx, VertxTestContext ctx) {
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    String login = new Tokens(vertx, JwtKeys.load(config).options(), 600).issue(new JsonObject().put("userId", "u-1")
        .put("tenantId", "t-1").put("role", "member").put("tokenVersion", 1));
    String[] parts = login.split("\\.");
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        new JsonObject().put("iss", Tokens.ISSUER).put("aud", Tokens.AUDIENCE).put("sub", "u-1").put("role", "admin")
            .put("exp", System.currentTimeMillis() / 1000 + 600).encode().getBytes(StandardCharsets.UTF_8))
        + "." + parts[2];
    List<String> outcomes = new ArrayList<>();
    fixture.gateway("_format_version: \"3.0\"\n")
        .compose(issuer -> fixture.gateway(KongFiles.openIdConnectApi(
            "{issuer: \"http://127.0.0.1:%d\", audience_required: [%s]}".formatted(issuer.port(), Tokens.AUDIENCE))))
        .compose(verifier -> verifier.get("/api").bearerTokenAuthentication(login).send()
            .onSuccess(r -> outcomes.add("login: " + r.statusCode()))
            .compose(v -> verifier.get("/api").bearerTokenAuthentication(tampered).send())
            .onSuccess(r -> outcomes.add("tampered: " + r.statusCode() + " " + r.bodyAsJsonObject().getString("detail"))))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of("login: 200", "tampered: 401 invalid signature"), outcomes);
          ctx.completeNow();
        })));
  }
}
