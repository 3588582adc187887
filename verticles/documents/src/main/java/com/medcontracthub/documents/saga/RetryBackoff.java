package com.medcontracthub.documents.saga;

import java.util.function.DoubleSupplier;

/**
 * How long a failed attempt waits before the next: the base after the first, doubled after each one after it (capped
 * at an hour), times a random 0.5-1.5 so that documents failing together are not all tried again together.
 */
public final class RetryBackoff {

  static final long MAX_MS = 3_600_000;

  private final long baseMs;
  private final DoubleSupplier random;

  public RetryBackoff(long baseMs, DoubleSupplier random) {
    this.baseMs = baseMs;
    this.random = random;
  }

  /** The wait after attempt {@code attempt} (from 1) failed. */
  public long afterAttempt(int attempt) {
    long doubled = baseMs << Math.min(attempt - 1, 30);
    long capped = doubled < 0 || doubled > MAX_MS ? MAX_MS : doubled;
    return Math.round(capped * (0.5 + random.getAsDouble()));
  }
}
