package com.medcontracthub.gateway.engine.plugins;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning logged at most once per interval, with how many times it happened meanwhile: a dependency that is down
 * for every request must not flood the log with one line per request.
 */
final class Warnings {

  private static final long INTERVAL_MS = 10_000;

  private final Logger log;
  private final AtomicLong lastLogged = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();

  Warnings(Logger log) {
    this.log = log;
  }

  void warn(String format, Object... args) {
    long now = System.currentTimeMillis();
    long last = lastLogged.get();
    if (now - last < INTERVAL_MS || !lastLogged.compareAndSet(last, now)) {
      suppressed.incrementAndGet();
      return;
    }
    long meanwhile = suppressed.getAndSet(0);
    log.warn(meanwhile == 0 ? format : format + " (and " + meanwhile + " more times since the last report)", args);
  }
}
