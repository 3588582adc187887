package com.medcontracthub.testkit;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;

/** Assertions on event-bus requests that must be refused. */
public final class EventBusReplies {

  private EventBusReplies() {
  }

  /** Completes with the failure code of a request that must fail; fails the test if it succeeded. */
  public static Future<Integer> failureCode(Future<?> request) {
    return request.transform(ar -> {
      if (ar.succeeded()) {
        return Future.failedFuture(new AssertionError("expected a refusal, got " + ar.result()));
      }
      if (!(ar.cause() instanceof ReplyException reply)) {
        return Future.failedFuture(new AssertionError("expected a reply failure, got " + ar.cause()));
      }
      return Future.succeededFuture(reply.failureCode());
    });
  }
}
