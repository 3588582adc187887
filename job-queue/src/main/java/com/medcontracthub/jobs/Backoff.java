package com.medcontracthub.jobs;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a failed job waits before its next attempt: the base doubled per attempt (capped at an hour), of which a
 * random half is waited ("equal jitter"), so jobs that failed together do not all come back at once.
 */
final class Backoff {

  static final long MAX_MS = 3_600_000;

  private Backoff() {
  }

  static long delayMs(long baseMs, int attempt) {
    if (baseMs == 0) {
      return 0;
    }
    long exponential = Math.min(MAX_MS, baseMs << Math.min(attempt - 1, 30));
    long half = exponential / 2;
    return half + ThreadLocalRandom.current().nextLong(half + 1);
  }
}
