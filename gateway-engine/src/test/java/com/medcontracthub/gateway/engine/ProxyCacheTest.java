package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Kong's proxy-cache: hits, misses and bypasses on the wire, shared through Redis. */
@ExtendWith(VertxExtension.class)
@DisplayName("The proxy-cache plugin")
class ProxyCacheTest {

  @TempDir
  Path dir;

  private static String file(String route) {
    return KongFiles.routePlugin(route, "/" + route, "proxy-cache",
        "{strategy: redis, cache_ttl: 60, vary_query_params: [q], cache_control: true}");
  }

  private static String seen(HttpResponse<Buffer> r) {
    return r.getHeader("X-Cache-Status") + " " + r.bodyAsJsonObject().getInteger("count");
  }

  @Test
  @DisplayName("answers a repeated request from the cache, per query parameter, for every gateway sharing Redis; "
      + "passes POSTs and no-store answers by")
  void caches(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    String route = "cached" + System.nanoTime();
    List<String> outcomes = new ArrayList<>();
    Future.all(fixture.gateway(file(route)), fixture.gateway(file(route)))
        .compose(both -> {
          GatewayClient one = both.resultAt(0);
          GatewayClient two = both.resultAt(1);
          String path = "/" + route + "/counter";
          return one.get(path + "?q=gloves").send().onSuccess(r -> outcomes.add("first: " + seen(r)))
              .compose(v -> one.get(path + "?q=gloves").send().onSuccess(r -> {
                outcomes.add("again: " + seen(r));
                ctx.verify(() -> assertNotNull(r.getHeader("Age")));
              }))
              .compose(v -> two.get(path + "?q=gloves").send().onSuccess(r -> outcomes.add("other gateway: " + seen(r))))
              .compose(v -> one.get(path + "?q=gowns").send().onSuccess(r -> outcomes.add("other query: " + seen(r))))
              .compose(v -> one.request(HttpMethod.POST, path + "?q=gloves").send()
                  .onSuccess(r -> outcomes.add("POST: " + seen(r))))
              .compose(v -> one.get(path + "?q=masks&cc=no-store").send().onSuccess(r -> outcomes.add("no-store: " + seen(r))))
              .compose(v -> one.get(path + "?q=masks&cc=no-store").send()
                  .onSuccess(r -> outcomes.add("no-store again: " + seen(r))));
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of("first: Miss 1", "again: Hit 1", "other gateway: Hit 1", "other query: Miss 2",
              "POST: Bypass 3", "no-store: Miss 4", "no-store again: Miss 5"), outcomes);
          ctx.completeNow();
        })));
  }
}
