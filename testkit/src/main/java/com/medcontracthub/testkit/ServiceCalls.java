package com.medcontracthub.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/** Requests to services in the shape the gateway sends them, and the refusals they must answer with. */
public final class ServiceCalls {

  private ServiceCalls() {
  }

  /** {@code request} on {@code address} as the gateway sends it for an authenticated caller. */
  public static Future<JsonObject> call(Vertx vertx, String address, JsonObject principal, JsonObject request) {
    return vertx.eventBus().<JsonObject>request(address, request.put("principal", principal)).map(Message::body);
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
