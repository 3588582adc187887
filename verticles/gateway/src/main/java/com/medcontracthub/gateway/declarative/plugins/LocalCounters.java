package com.medcontracthub.gateway.declarative.plugins;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Rate-limiting windows in this JVM's memory ({@code policy: local}); expired windows are swept as it goes. */
final class LocalCounters implements Counters {

  private static final int SWEEP_EVERY = 10_000;

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();

  private record Window(AtomicLong count, long expiresAt) {
  }

  @Override
  public Future<long[][]> hit(List<String> current, List<String> previous, List<Long> ttlMs) {
    long now = System.currentTimeMillis();
    if (hits.incrementAndGet() % SWEEP_EVERY == 0) {
      windows.values().removeIf(w -> w.expiresAt() < now);
    }
    long[][] counts = new long[current.size()][];
    for (int i = 0; i < current.size(); i++) {
      long ttl = ttlMs.get(i);
      Window window = windows.compute(current.get(i), (k, w) -> w == null || w.expiresAt() < now
          ? new Window(new AtomicLong(), now + ttl) : w);
      Window before = windows.get(previous.get(i));
      counts[i] = new long[] {window.count().incrementAndGet(), before == null || before.expiresAt() < now ? 0
          : before.count().get()};
    }
    return Future.succeededFuture(counts);
  }
}
