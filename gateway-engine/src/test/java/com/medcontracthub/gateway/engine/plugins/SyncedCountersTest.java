package com.medcontracthub.gateway.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.gateway.engine.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gateways' rate-limiting counters synced through the test Redis, each sync made by the test, so that what each
 * gateway knows between syncs is exact.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Rate-limiting counters synced with Redis")
class SyncedCountersTest {

  /** Longer than the test: no sync happens but those the test makes. */
  private static final long NO_TIMER_SYNC_MS = 3_600_000;

  @Test
  @DisplayName("count their own hits between syncs; a sync adds a gateway's hits to Redis and takes up the others'")
  void shareAtSync(Vertx vertx, VertxTestContext ctx) {
    String window = "test:synced:" + System.nanoTime();
    List<String> current = List.of(window + ":now");
    List<String> previous = List.of(window + ":before");
    List<Long> ttl = List.of(60_000L);
    SyncedCounters one = new SyncedCounters(vertx, TestRedis.client(vertx), 1_000, NO_TIMER_SYNC_MS);
    SyncedCounters two = new SyncedCounters(vertx, TestRedis.client(vertx), 1_000, NO_TIMER_SYNC_MS);
    List<String> seen = new ArrayList<>();
    Runnable hitOne = () -> seen.add("one " + one.hit(current, previous, ttl).result()[0][0]);
    Runnable hitTwo = () -> seen.add("two " + two.hit(current, previous, ttl).result()[0][0]);

    hitOne.run();
    hitOne.run();
    hitOne.run();
    hitTwo.run();
    one.sync()
        .compose(v -> two.sync())
        .compose(v -> one.sync())
        .onSuccess(v -> {
          hitOne.run();
          hitTwo.run();
        })
        .eventually(() -> {
          one.close();
          two.close();
          return Future.succeededFuture();
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of("one 1", "one 2", "one 3", "two 1", "one 5", "two 5"), seen);
          ctx.completeNow();
        })));
  }
}
