package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.Exchange;
import io.vertx.core.Future;

/** How a plugin ends a request itself: a problem response, and {@code false} for the chain. */
final class Answers {

  private Answers() {
  }

  static Future<Boolean> refuse(Exchange exchange, int status, String message) {
    exchange.problem(status, message);
    return Future.succeededFuture(false);
  }

  static final Future<Boolean> GO_ON = Future.succeededFuture(true);
}
