package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.medcontracthub.gateway.engine.plugins.KongPlugins;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Kong's request- and response-transformer plugins")
class TransformerPluginsTest {

  private static final GatewayExtensions KONG = KongPlugins.only();

  @TempDir
  Path dir;

  private static String file(String config) {
    return file("request-transformer", config);
  }

  private static String file(String plugin, String config) {
    return KongFiles.routePlugin("orders", "\"~/orders/(?<id>[^/]+)$\"", plugin, config);
  }

  private static String parsed(String config) {
    return file(config).replace("UPSTREAM", "http://127.0.0.1:1");
  }

  @Test
  @DisplayName("changes headers and query in Kong's order, rewrites the path and method, and fills in templates")
  void transforms(Vertx vertx, VertxTestContext ctx) {
    new GatewayFixture(vertx, dir).gateway(file("""
            {http_method: POST,
             remove: {headers: [x-drop], querystring: [debug]},
             rename: {headers: ["x-old:x-new"], querystring: ["q:search"]},
             replace: {headers: ["x-tier:gold", "x-absent:never"], uri: "/v2/orders/$(uri_captures.id)"},
             add: {headers: ["x-order:$(uri_captures.id)", "x-tier:not-added"], querystring: ["source:gateway"]},
             append: {headers: ["x-via:$(headers.x-caller) $(query_params[\\"q\\"])"]}}"""))
        .compose(gateway -> gateway.get("/orders/42?q=gloves&debug=1").putHeader("x-drop", "1")
            .putHeader("x-old", "kept").putHeader("x-tier", "silver").putHeader("x-caller", "alice").send())
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          JsonObject seen = answer.bodyAsJsonObject();
          JsonObject headers = seen.getJsonObject("headers");
          assertEquals("POST", seen.getString("method"));
          assertEquals("/v2/orders/42", seen.getString("path"));
          assertEquals("search=gloves&source=gateway", seen.getString("query"));
          assertNull(headers.getString("x-drop"));
          assertNull(headers.getString("x-old"));
          assertEquals("kept", headers.getString("x-new"));
          assertEquals("gold", headers.getString("x-tier"), "replaced, and add leaves a present header alone");
          assertNull(headers.getString("x-absent"), "replace only changes a header that is there");
          assertEquals("42", headers.getString("x-order"));
          assertEquals("alice gloves", headers.getString("x-via"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses body transformations and malformed pairs, naming the path")
  void refuses() {
    assertEquals("services[0].routes[0].plugins[0].config.add.body: body transformations are not supported here",
        assertThrows(DeclarativeException.class, () -> GatewayFile.parse(parsed("{add: {body: [\"a:1\"]}}"), KONG))
            .getMessage());
    assertEquals("services[0].routes[0].plugins[0].config.rename.headers[0]: expected name:value but got \"x-old\"",
        assertThrows(DeclarativeException.class, () -> GatewayFile.parse(parsed("{rename: {headers: [x-old]}}"), KONG))
            .getMessage());
  }

  @Test
  @DisplayName("changes the answer's headers in Kong's order (response-transformer)")
  void responseHeaders(Vertx vertx, VertxTestContext ctx) {
    new GatewayFixture(vertx, dir).gateway(file("response-transformer", """
            {rename: {headers: ["content-type:x-upstream-type"]}, add: {headers: ["x-frame-options:DENY"]},
             append: {headers: ["cache-control:no-store"]}}"""))
        .compose(gateway -> gateway.get("/orders/7").send())
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertEquals(200, answer.statusCode());
          assertEquals("application/json", answer.getHeader("x-upstream-type"));
          assertNull(answer.getHeader("content-type"));
          assertEquals("DENY", answer.getHeader("x-frame-options"));
          assertEquals("no-store", answer.getHeader("cache-control"));
          ctx.completeNow();
        })));
    assertEquals("services[0].routes[0].plugins[0].config.remove.json: body transformations are not supported here",
        assertThrows(DeclarativeException.class, () -> GatewayFile.parse(file("response-transformer",
            "{remove: {json: [secret]}}").replace("UPSTREAM", "http://127.0.0.1:1"), KONG)).getMessage());
  }
}
