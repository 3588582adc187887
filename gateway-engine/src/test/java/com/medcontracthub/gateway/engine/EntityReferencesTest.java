package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.medcontracthub.gateway.engine.plugins.KongPlugins;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Entities that refer to each other by name or id, and routes declared at the top level, with or without a service. */
@ExtendWith(VertxExtension.class)
@DisplayName("References between the file's entities")
class EntityReferencesTest {

  private static final GatewayExtensions KONG = KongPlugins.only();
  private static final Path FILE = Path.of("src/test/resources/declarative/references.yaml");
  private static final String SERVICE_ID = "5b1484f2-5209-49d9-b43e-92ba09dd9d52";

  @TempDir
  Path dir;

  @Test
  @DisplayName("places top-level routes and plugins by the name or id of their service, route or consumer")
  void placement() throws IOException {
    GatewaySpec spec = GatewayFile.parse(Files.readString(FILE).replace("UPSTREAM", "http://127.0.0.1:1"), KONG);
    assertEquals(List.of(SERVICE_ID, "billing"), spec.services().stream().map(GatewaySpec.Service::name).toList(),
        "a service without a name is named by its id");
    GatewaySpec.Service orders = spec.services().get(0);
    GatewaySpec.Service billing = spec.services().get(1);
    assertEquals(List.of("orders"), orders.routes().stream().map(GatewaySpec.Route::name).toList());
    assertEquals(List.of("cors"), orders.plugins().stream().map(GatewaySpec.Plugin::name).toList());
    assertEquals(List.of("routes[1]", "legacy-billing"), billing.routes().stream().map(GatewaySpec.Route::name).toList());
    assertEquals(List.of("key-auth"), billing.routes().get(0).plugins().stream().map(GatewaySpec.Plugin::name).toList());
    assertEquals(List.of("retired", "unfinished"),
        spec.servicelessRoutes().stream().map(GatewaySpec.Route::name).toList());
    assertEquals(List.of("rate-limiting"), spec.consumers().get(0).plugins().stream().map(GatewaySpec.Plugin::name)
        .toList());
  }

  @Test
  @DisplayName("runs the plugins of a route without a service, and answers 503 as Kong does when none of them answered")
  void servicelessRoutes(Vertx vertx, VertxTestContext ctx) throws IOException {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    fixture.gateway(Files.readString(FILE))
        .compose(gateway -> gateway.get("/v1/things").send()
            .compose(retired -> {
              ctx.verify(() -> {
                assertEquals(410, retired.statusCode());
                assertEquals("This API was retired; use /orders", retired.bodyAsJsonObject().getString("message"));
              });
              return gateway.get("/soon").send();
            })
            .compose(unfinished -> {
              ctx.verify(() -> {
                assertEquals(503, unfinished.statusCode());
                assertEquals("no Service found with those values", unfinished.bodyAsJsonObject().getString("detail"));
              });
              return gateway.get("/invoices").send();
            })
            .compose(invoices -> {
              ctx.verify(() -> assertEquals(401, invoices.statusCode(), "key-auth, placed by the route's id"));
              return gateway.get("/invoices/7").putHeader("apikey", "partner-key").send();
            }))
        .onComplete(ctx.succeeding(invoice -> ctx.verify(() -> {
          assertEquals(200, invoice.statusCode(), invoice.bodyAsString());
          assertEquals("/billing/7", invoice.bodyAsJsonObject().getString("path"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("applies a consumer group's plugins to its members only, after a member's own instance of a plugin")
  void consumerGroups(Vertx vertx, VertxTestContext ctx) {
    String file = """
        _format_version: "3.0"
        services:
          - name: feed
            url: UPSTREAM/base
            routes: [{name: feed, paths: [/feed]}]
            plugins: [{name: key-auth}]
        consumer_groups:
          - name: trial
            plugins:
              - name: rate-limiting
                config: {minute: 2, policy: local}
        consumers:
          - username: trial-user
            groups: [{name: trial}]
            keyauth_credentials: [{key: trial-key}]
          - username: trial-partner
            groups: [trial]
            keyauth_credentials: [{key: partner-key}]
            plugins:
              - name: rate-limiting
                config: {minute: 100, policy: local}
          - username: customer
            keyauth_credentials: [{key: customer-key}]
        plugins:
          - name: request-transformer
            consumer_group: trial
            config: {add: {headers: ["x-plan:trial"]}}
        """;
    List<Function<GatewayClient, Future<HttpResponse<Buffer>>>> requests = new ArrayList<>();
    for (String key : List.of("trial-key", "partner-key", "customer-key")) {
      for (int i = 0; i < 3; i++) {
        requests.add(g -> g.get("/feed").putHeader("apikey", key).send());
      }
    }
    new GatewayFixture(vertx, dir).gateway(file)
        .compose(gateway -> gateway.inTurn(requests))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertEquals(List.of(200, 200, 429, 200, 200, 200, 200, 200, 200),
              answers.stream().map(HttpResponse::statusCode).toList(),
              "the group's limit for its member, the partner's own limit, none for a customer");
          assertEquals("trial", answers.get(0).bodyAsJsonObject().getJsonObject("headers").getString("x-plan"));
          assertEquals(null, answers.get(6).bodyAsJsonObject().getJsonObject("headers").getString("x-plan"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses a reference to nothing, a plugin scoped two ways, a second entity with one id, and a service "
      + "with neither name nor id")
  void problems() {
    assertEquals("routes[0].service: no service named \"nope\" or with that id", problem("""
        routes: [{name: r, service: {name: nope}, paths: [/a]}]
        """));
    assertEquals("plugins[0].consumer: a plugin scoped to both a route and a consumer is not supported: scope it to "
        + "one of them", problem("""
        routes: [{name: r, paths: [/a]}]
        consumers: [{username: c}]
        plugins: [{name: cors, route: r, consumer: c}]
        """));
    assertEquals("services[1].id: a second service with id \"s-1\"", problem("""
        services: [{id: s-1, url: "http://x"}, {name: b, id: s-1, url: "http://y"}]
        """));
    assertEquals("services[0].name: required: a service needs a name or an id", problem("""
        services: [{url: "http://x"}]
        """));
  }

  private static String problem(String entities) {
    return assertThrows(DeclarativeException.class, () -> GatewayFile.parse("_format_version: \"3.0\"\n" + entities,
        KONG)).getMessage();
  }
}
