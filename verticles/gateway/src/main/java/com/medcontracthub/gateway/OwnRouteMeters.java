package com.medcontracthub.gateway;

import com.medcontracthub.gateway.engine.plugins.RequestMeters;
import com.medcontracthub.platform.metrics.Meters;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Counts a route the gateway's own code serves (login) in the same request metrics as the API file's routes, labelled
 * {@code service="gateway"}, so the API's availability and latency objectives see it too.
 */
final class OwnRouteMeters {

  static final String SERVICE = "gateway";

  private final RequestMeters meters = new RequestMeters(Meters.registry());

  /**
   * A handler that meters the route under {@code route} and passes the request on; an answer is counted once it is
   * sent whole, as the plugin counts (a client that went away first got none).
   */
  Handler<RoutingContext> route(String route) {
    RequestMeters.Series series = meters.of(SERVICE, route, "");
    return ctx -> {
      long started = System.nanoTime();
      ctx.addBodyEndHandler(ended -> {
        series.answered(ctx.response().getStatusCode());
        series.took(System.nanoTime() - started);
      });
      ctx.next();
    };
  }
}
