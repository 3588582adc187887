package com.medcontracthub.jobs;

import java.time.Duration;

/**
 * The limits of one queue, shared by every worker of it in any JVM (the last worker started writes them): how many
 * jobs run at once in the queue ({@code concurrency}) and in each group, how many may start per window in the queue
 * and in each group, the shared limit (by name) it also counts against, how many times a job may stall (its worker
 * stopped renewing its lease) before it is dead, and how many ended jobs it keeps and for how long. A concurrency or
 * rate of 0 is no limit; a retention of 0 keeps none.
 */
public record QueueOptions(int concurrency, int groupConcurrency, int rateMax, Duration rateWindow, int groupRateMax,
    Duration groupRateWindow, String sharedLimit, int maxStalls, int keepCompleted, Duration keepCompletedFor,
    int keepFailed, Duration keepFailedFor) {

  public static final QueueOptions DEFAULTS = new QueueOptions(0, 0, 0, Duration.ofSeconds(1), 0,
      Duration.ofSeconds(1), null, 1, 1_000, Duration.ofDays(1), 10_000, Duration.ofDays(7));

  public QueueOptions {
    if (concurrency < 0 || groupConcurrency < 0 || rateMax < 0 || groupRateMax < 0 || maxStalls < 0 || keepCompleted < 0 || keepFailed < 0) {
      throw new IllegalArgumentException("queue limits cannot be negative");
    }
    if (rateWindow.isZero() || rateWindow.isNegative() || groupRateWindow.isZero() || groupRateWindow.isNegative()) {
      throw new IllegalArgumentException("a rate window must be positive");
    }
  }

  public QueueOptions withConcurrency(int queueWide, int perGroup) {
    return new QueueOptions(queueWide, perGroup, rateMax, rateWindow, groupRateMax, groupRateWindow, sharedLimit,
        maxStalls, keepCompleted, keepCompletedFor, keepFailed, keepFailedFor);
  }

  public QueueOptions withRate(int max, Duration window) {
    return new QueueOptions(concurrency, groupConcurrency, max, window, groupRateMax, groupRateWindow, sharedLimit,
        maxStalls, keepCompleted, keepCompletedFor, keepFailed, keepFailedFor);
  }

  public QueueOptions withGroupRate(int max, Duration window) {
    return new QueueOptions(concurrency, groupConcurrency, rateMax, rateWindow, max, window, sharedLimit,
        maxStalls, keepCompleted, keepCompletedFor, keepFailed, keepFailedFor);
  }

  public QueueOptions withSharedLimit(String name) {
    return new QueueOptions(concurrency, groupConcurrency, rateMax, rateWindow, groupRateMax, groupRateWindow, name,
        maxStalls, keepCompleted, keepCompletedFor, keepFailed, keepFailedFor);
  }

  public QueueOptions withMaxStalls(int stalls) {
    return new QueueOptions(concurrency, groupConcurrency, rateMax, rateWindow, groupRateMax, groupRateWindow,
        sharedLimit, stalls, keepCompleted, keepCompletedFor, keepFailed, keepFailedFor);
  }

  public QueueOptions withRetention(int completed, Duration completedFor, int failed, Duration failedFor) {
    return new QueueOptions(concurrency, groupConcurrency, rateMax, rateWindow, groupRateMax, groupRateWindow,
        sharedLimit, maxStalls, completed, completedFor, failed, failedFor);
  }
}
