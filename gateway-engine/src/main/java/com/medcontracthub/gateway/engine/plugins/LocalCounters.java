package com.medcontracthub.gateway.engine.plugins;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate-limiting windows in this JVM's memory ({@code policy: local}), one set for all of the JVM's gateway event loops
 * and kept across reloads (as Kong's node-wide counters); expired windows are swept as it goes.
 */
final class LocalCounters implements Counters {

  private static final int SWEEP_EVERY = 10_000;
  private static final String SHARED = "mch.gateway.rate-limiting.local";

  /** Every event loop of the JVM counts in the same windows ({@link JvmWide}). */
  private static final class Windows implements Shareable {
    final Map<String, Window> byKey = new ConcurrentHashMap<>();
    final AtomicLong hits = new AtomicLong();
  }

  private record Window(AtomicLong count, long expiresAt) {
  }

  private final Windows windows;

  LocalCounters(Vertx vertx) {
    this.windows = JvmWide.get(vertx, SHARED, SHARED, Windows::new);
  }

  @Override
  public Future<long[][]> hit(List<String> current, List<String> previous, List<Long> ttlMs) {
    long now = System.currentTimeMillis();
    if (windows.hits.incrementAndGet() % SWEEP_EVERY == 0) {
      windows.byKey.values().removeIf(w -> w.expiresAt() < now);
    }
    long[][] counts = new long[current.size()][];
    for (int i = 0; i < current.size(); i++) {
      long ttl = ttlMs.get(i);
      Window window = windows.byKey.compute(current.get(i), (k, w) -> w == null || w.expiresAt() < now
          ? new Window(new AtomicLong(), now + ttl) : w);
      Window before = windows.byKey.get(previous.get(i));
      counts[i] = new long[] {window.count().incrementAndGet(), before == null || before.expiresAt() < now ? 0
          : before.count().get()};
    }
    return Future.succeededFuture(counts);
  }
}
