package com.medcontracthub.testkit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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
    Promise<Void> met = Promise.promise();
    check(vertx, condition, System.currentTimeMillis() + timeoutMs, timeoutMs, what, met);
    return met.future();
  }

  /**
   * One check, and the next on a timer: each answers {@code met} itself, so a long wait is no chain of futures, whose
   * completion would run as deep as the checks were many. A check that fails counts as not met; the last such failure
   * is the cause of the timeout's error.
   */
  private static void check(Vertx vertx, Supplier<Future<Boolean>> condition, long deadline, long timeoutMs,
      String what, Promise<Void> met) {
    Future<Boolean> checked;
    try {
      checked = condition.get();
    } catch (Throwable e) {
      checked = Future.failedFuture(e);
    }
    checked.onComplete(ar -> {
      if (ar.succeeded() && Boolean.TRUE.equals(ar.result())) {
        met.complete();
      } else if (System.currentTimeMillis() > deadline) {
        met.fail(new AssertionError(what + " not within " + timeoutMs + " ms", ar.cause()));
      } else {
        vertx.setTimer(CHECK_EVERY_MS, id -> check(vertx, condition, deadline, timeoutMs, what, met));
      }
    });
  }
}
