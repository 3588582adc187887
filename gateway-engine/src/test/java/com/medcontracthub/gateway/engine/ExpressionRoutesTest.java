package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.medcontracthub.gateway.engine.plugins.KongPlugins;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Kong 3's expression routes, in the shapes Kong's documentation gives them. */
@ExtendWith(VertxExtension.class)
@DisplayName("Expression routes")
class ExpressionRoutesTest {

  private static final String FILE = """
      _format_version: "3.0"
      services:
        - name: orders
          url: UPSTREAM/base
          routes:
            - name: orders-read
              expression: 'http.path ^= "/orders" && (http.method == "GET" || http.method == "HEAD")'
              priority: 10
            - name: orders-write
              expression: 'http.path ^= "/orders" && http.method == "POST"'
              strip_path: false
            - name: item
              expression: 'http.path ~ "^/items/(?<id>[0-9]+)$" && lower(http.headers.x_tenant) == "acme"'
              priority: 5
              plugins:
                - name: request-transformer
                  config: {add: {headers: ["x-item:$(uri_captures.id)"]}}
            - name: local-debug
              expression: 'net.src.ip in 127.0.0.0/8 && http.queries.debug == "1" && net.dst.port > 1024'
              priority: 20
              strip_path: false
            - name: anything-else
              paths: [/]
        - name: beta
          url: UPSTREAM/beta
          routes:
            - name: beta-orders
              expression: 'http.path ^= "/orders" && any(http.headers.x_channel) == "beta"'
              priority: 50
            - name: not-production
              expression: 'http.path ^= "/env" && http.headers.x_env != "prod"'
      """;

  @TempDir
  Path dir;

  @Test
  @DisplayName("routes by path, method, headers, query and address, by priority, stripping the matched prefix and "
      + "handing regular-expression groups to the plugins")
  void routing(Vertx vertx, VertxTestContext ctx) {
    List<Function<GatewayClient, Future<HttpResponse<Buffer>>>> requests = List.of(
        g -> g.get("/orders/7").send(),
        g -> g.request(HttpMethod.POST, "/orders/7").sendBuffer(Buffer.buffer("{}")),
        g -> g.request(HttpMethod.DELETE, "/orders/7").send(),
        g -> g.get("/items/42").putHeader("X-Tenant", "ACME").send(),
        g -> g.get("/items/42").putHeader("X-Tenant", "other").send(),
        g -> g.get("/orders/7?debug=1").send(),
        g -> g.get("/orders/7").putHeader("X-Channel", "stable").putHeader("X-Channel", "beta").send(),
        g -> g.get("/env/x").putHeader("X-Env", "staging").send(),
        g -> g.get("/env/x").putHeader("X-Env", "staging").putHeader("X-Env", "prod").send());
    new GatewayFixture(vertx, dir).gateway(FILE)
        .compose(gateway -> gateway.inTurn(requests))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertEquals("/base/7", path(answers.get(0)), "orders-read strips /orders");
          assertEquals("/base/orders/7", path(answers.get(1)), "orders-write keeps the path");
          assertEquals("/base/orders/7", path(answers.get(2)), "no expression takes DELETE: the prefix route does");
          assertEquals("/base", path(answers.get(3)), "the whole path matched the expression, and is stripped");
          assertEquals("42", answers.get(3).bodyAsJsonObject().getJsonObject("headers").getString("x-item"));
          assertEquals("/base/items/42", path(answers.get(4)));
          assertEquals(null, answers.get(4).bodyAsJsonObject().getJsonObject("headers").getString("x-item"),
              "another tenant goes to the prefix route");
          assertEquals("/base/orders/7", path(answers.get(5)), "local-debug, priority 20, over orders-read");
          assertEquals("/beta/7", path(answers.get(6)), "any() takes one of the header's values");
          assertEquals("/beta/x", path(answers.get(7)));
          assertEquals("/base/env/x", path(answers.get(8)), "every value must satisfy != without any()");
          ctx.completeNow();
        })));
  }

  private static String path(HttpResponse<Buffer> answer) {
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject().getString("path");
  }

  @Test
  @DisplayName("refuses an expression Kong's router would refuse, naming the route and the column")
  void problems() {
    assertEquals("services[0].routes[0].expression: column 1: unknown field http.paht",
        problem("http.paht == \"/a\""));
    assertEquals("services[0].routes[0].expression: column 14: ^= does not apply to net.dst.port, an integer",
        problem("net.dst.port ^= 80"));
    assertEquals("services[0].routes[0].expression: column 13: not a regular expression: Unclosed group",
        problem("http.path ~ \"^/(a\""));
    assertEquals("services[0].routes[0].expression: column 15: expected a CIDR range after in",
        problem("net.src.ip in 10.0.0.1"));
    assertEquals("services[0].routes[0].expression: column 21: expected && or || but found \"http.method == \"GET\"\"",
        problem("http.path == \"/a\"   http.method == \"GET\""));
    assertEquals("services[0].routes[0].expression: column 1: unknown function upper(); there are lower() and any()",
        problem("upper(http.path) == \"/a\""));
    assertEquals("services[0].routes[0].expression: column 7: lower() takes a string field, not net.dst.port",
        problem("lower(net.dst.port) == 80"));
    assertEquals("services[0].routes[0].expression: column 15: expected in after not", problem("http.path not \"/a\""));
    assertEquals("services[0].routes[0].expression: column 11: expected an operator: ==, !=, ~, ^=, =^, >, >=, <, <=, in "
        + "or not in", problem("http.path \"/a\""));
    assertEquals("services[0].routes[0].expression: column 14: the string is not closed", problem("http.path == \"/a"));
    assertEquals("services[0].routes[0].expression: column 15: unknown escape \\q", problem("http.path == \"\\q\""));
    assertEquals("services[0].routes[0].expression: column 14: expected a string in double quotes",
        problem("http.path == 12"));
    assertEquals("services[0].routes[0].expression: column 17: expected an integer but found 1.5",
        problem("net.dst.port == 1.5"));
    assertEquals("services[0].routes[0].expression: column 15: expected an IP address but found 300.1.1.1/8",
        problem("net.src.ip in 300.1.1.1/8"));
    assertEquals("services[0].routes[0].expression: column 15: a range of 40 bits is longer than the address",
        problem("net.src.ip in 10.0.0.0/40"));
    assertEquals("services[0].routes[0].expression: column 15: expected an address, not a range",
        problem("net.src.ip == 10.0.0.0/8"));
    assertEquals("services[0].routes[0].expression: column 19: expected )", problem("(http.path == \"/a\""));
    assertEquals("services[0].routes[0].expression: column 1: expected a field", problem("== \"/a\""));
    assertEquals("services[0].routes[0].expression: an expression route takes no paths, methods, hosts or headers: say "
        + "them in the expression", assertThrows(DeclarativeException.class, () -> GatewayFile.parse("""
            _format_version: "3.0"
            services: [{name: a, url: "http://x", routes: [{expression: 'http.path == "/a"', paths: [/a]}]}]
            """, KongPlugins.only())).getMessage());
  }

  private static String problem(String expression) {
    return assertThrows(DeclarativeException.class, () -> GatewayFile.parse("""
        _format_version: "3.0"
        services: [{name: a, url: "http://x", routes: [{expression: '%s'}]}]
        """.formatted(expression), KongPlugins.only())).getMessage();
  }
}
