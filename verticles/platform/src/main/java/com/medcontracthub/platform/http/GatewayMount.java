package com.medcontracthub.platform.http;

import com.medcontracthub.platform.auth.Logins;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * HTTP routes a service contributes to the gateway, which knows no service: the launcher hands the gateway the
 * {@link Factory} of every service that has one, and each gateway verticle makes its own mount on its event loop.
 * The routes are mounted at {@link #path()} before the gateway reads request bodies, so they may stream them.
 */
public interface GatewayMount {

  /** Makes one gateway verticle's mount, checking logins with the product's {@link Logins}. */
  @FunctionalInterface
  interface Factory {
    GatewayMount create(Vertx vertx, MchConfig config, Logins logins);
  }

  /** Where the routes go: {@code path()/*}, e.g. {@code /eventbus}. */
  String path();

  Router router();

  /**
   * The HTTP server's request handler in front of the gateway's router ({@code next}): a mount that must see some
   * requests before Vert.x Web (a raw WebSocket upgrade) serves them here; by default every request goes on.
   */
  default Handler<HttpServerRequest> before(Handler<HttpServerRequest> next) {
    return next;
  }

  /** The gateway verticle stops: release what the mount holds (sockets, timers, clients). */
  default void close() {
  }
}
