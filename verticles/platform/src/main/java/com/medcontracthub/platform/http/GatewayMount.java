package com.medcontracthub.platform.http;

import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * HTTP routes a service contributes to the gateway, which knows no service: the launcher hands the gateway the
 * {@link Factory} of every service that has one, and each gateway verticle makes its own mount on its event loop. The
 * routes are added before the gateway's declarative files and its body handler, so they may stream request bodies.
 */
public interface GatewayMount {

  /** Makes one gateway verticle's mount; {@code logins} checks the product's bearer tokens. */
  @FunctionalInterface
  interface Factory {
    GatewayMount create(Vertx vertx, MchConfig config, ProductLogins logins);
  }

  /** One operation a mount serves, for the gateway's OpenAPI document. */
  record Operation(String method, String path, String address, String summary) {
  }

  /** Adds the mount's routes to the gateway's router. */
  void mount(Router router);

  /** What the gateway's {@code /openapi.json} lists of the mount's routes. */
  default List<Operation> operations() {
    return List.of();
  }

  /**
   * The HTTP server's request handler in front of the gateway's router ({@code next}): a mount that must see some
   * requests before Vert.x Web (a raw WebSocket upgrade) serves them here; by default every request goes on.
   */
  default Handler<HttpServerRequest> before(Handler<HttpServerRequest> next) {
    return next;
  }

  /** The gateway verticle stops: release what the mount holds (sockets, timers, clients). */
  default Future<?> close() {
    return Future.succeededFuture();
  }
}
