package com.medcontracthub.perf;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Where a fan-out's tail comes from: a message whose every delivery was late was held up before the fan-out (the
 * publisher, the server's push path, a pause), one with only some late ones in the fan-out or the clients.
 */
final class LateMessages {

  static final long LATE_NANOS = 10_000_000;

  /** Per message (its send time): deliveries, late deliveries. */
  private final Map<Long, AtomicIntegerArray> messages = new ConcurrentHashMap<>();

  void delivered(long sentNanos, long latencyNanos) {
    AtomicIntegerArray counts = messages.computeIfAbsent(sentNanos, sent -> new AtomicIntegerArray(2));
    counts.incrementAndGet(0);
    if (latencyNanos > LATE_NANOS) {
      counts.incrementAndGet(1);
    }
  }

  String summary() {
    int late = 0;
    int allLate = 0;
    for (AtomicIntegerArray counts : messages.values()) {
      if (counts.get(1) > 0) {
        late++;
        if (counts.get(1) == counts.get(0)) {
          allLate++;
        }
      }
    }
    return String.format(Locale.ROOT, "  messages with a delivery over %d ms: %d of %d; every delivery late (held up "
        + "before the fan-out): %d", LATE_NANOS / 1_000_000, late, messages.size(), allLate);
  }
}
