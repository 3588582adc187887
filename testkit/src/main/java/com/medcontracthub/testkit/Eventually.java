package com.medcontracthub.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition without sleeping: checks it on a timer, fails with a message when it is late. */
public final class Eventually {

  private static final long CHECK_EVERY_MS = 20;

  private Eventually() {
  }

  public static Future<Void> until(Vertx vertx, BooleanSupplier condition, long timeoutMs, String what) {
    return untilTrue(vertx, () -> Future.succeededFuture(condition.getAsBoolean()), timeoutMs, what);
  }

  /** As {@link #until}, for a condition that needs a call to check (a request, a query): one check at a time. */
  public static Future<Void> untilTrue(Vertx vertx, Supplier<Future<Boolean>> condition, long timeoutMs, String what) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    return check(vertx, condition, deadline, timeoutMs, what);
  }

  private static Future<Void> check(Vertx vertx, Supplier<Future<Boolean>> condition, long deadline, long timeoutMs,
      String what) {
    return condition.get().otherwise(false).compose(met -> {
      if (met) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new AssertionError(what + " not within " + timeoutMs + " ms"));
      }
      return vertx.timer(CHECK_EVERY_MS).compose(t -> check(vertx, condition, deadline, timeoutMs, what));
    });
  }
}
