package com.medcontracthub.gateway.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;

/** Waits for a condition without sleeping: checks it on a timer, fails with a message when it is late. */
final class Eventually {

  private static final long CHECK_EVERY_MS = 20;

  private Eventually() {
  }

  static Future<Void> until(Vertx vertx, BooleanSupplier condition, long timeoutMs, String what) {
    Promise<Void> done = Promise.promise();
    long started = System.currentTimeMillis();
    vertx.setPeriodic(CHECK_EVERY_MS, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        done.tryComplete();
      } else if (System.currentTimeMillis() - started > timeoutMs) {
        vertx.cancelTimer(id);
        done.tryFail(new AssertionError(what + " not within " + timeoutMs + " ms"));
      }
    });
    return done.future();
  }
}
