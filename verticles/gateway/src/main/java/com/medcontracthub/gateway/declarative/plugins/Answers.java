package com.medcontracthub.gateway.declarative.plugins;

import com.medcontracthub.gateway.Problems;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** How a plugin ends a request itself: a problem response, and {@code false} for the chain. */
final class Answers {

  private Answers() {
  }

  static Future<Boolean> refuse(RoutingContext ctx, int status, String message) {
    Problems.send(ctx, status, message);
    return Future.succeededFuture(false);
  }

  static final Future<Boolean> GO_ON = Future.succeededFuture(true);
}
