package com.medcontracthub.jobs;

import java.time.Duration;

/**
 * How one worker runs a queue: how many of its jobs at once in this JVM; how many more it takes ahead, leased but not
 * started, so a slot that frees starts its next job without a round trip to Redis ({@link #AUTO}: half the concurrency
 * while this worker's jobs run shorter than {@value #SHORT_JOB_MS} ms on average, none otherwise, so a long job never
 * waits behind another in one worker while a second worker is idle; 0: never); how long a job is leased before
 * another worker may take it back (renewed every third of it while the job runs); how often it looks for jobs when no
 * wake-up came; how long one attempt may take (checked as leases are renewed); how long a call to Redis may take; and
 * how long stopping waits for running jobs.
 */
public record WorkerOptions(int concurrency, int prefetch, Duration lease, Duration poll, Duration jobTimeout,
    Duration redisTimeout, Duration stopGrace) {

  public static final int AUTO = -1;
  public static final long SHORT_JOB_MS = 20;
  public static final WorkerOptions DEFAULTS = new WorkerOptions(10, AUTO, Duration.ofSeconds(30), Duration.ofSeconds(1),
      Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(30));

  public WorkerOptions {
    if (concurrency < 1 || prefetch < AUTO) {
      throw new IllegalArgumentException("a worker runs at least one job at a time, and takes none or more ahead");
    }
    if (lease.toMillis() < 300 || poll.toMillis() < 1 || jobTimeout.toMillis() < 1 || redisTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("a lease is at least 300 ms; poll and timeouts are positive");
    }
  }

  public WorkerOptions withConcurrency(int jobs) {
    return new WorkerOptions(jobs, prefetch, lease, poll, jobTimeout, redisTimeout, stopGrace);
  }

  public WorkerOptions withPrefetch(int jobs) {
    return new WorkerOptions(concurrency, jobs, lease, poll, jobTimeout, redisTimeout, stopGrace);
  }

  public WorkerOptions withLease(Duration newLease) {
    return new WorkerOptions(concurrency, prefetch, newLease, poll, jobTimeout, redisTimeout, stopGrace);
  }

  public WorkerOptions withJobTimeout(Duration timeout) {
    return new WorkerOptions(concurrency, prefetch, lease, poll, timeout, redisTimeout, stopGrace);
  }
}
