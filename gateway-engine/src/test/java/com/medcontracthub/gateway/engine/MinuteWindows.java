package com.medcontracthub.gateway.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** For tests that count requests in a rate limit's fixed one-minute windows, which start afresh on the minute. */
final class MinuteWindows {

  private MinuteWindows() {
  }

  /** Completes at once with more than 5 s of this minute left, else just after the next minute starts. */
  static Future<Void> clearOfMinuteEdge(Vertx vertx) {
    long left = 60_000 - System.currentTimeMillis() % 60_000;
    return left > 5_000 ? Future.succeededFuture() : vertx.timer(left + 100).mapEmpty();
  }
}
