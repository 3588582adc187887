package com.medcontracthub.jobs;

import java.time.Duration;

/**
 * How one worker runs a queue: how many of its jobs at once in this JVM; how many more it takes ahead, leased but not
 * started, so a slot that frees starts its next job without a round trip to Redis (worth it for short jobs; a
 * prefetched job waits for this worker even when another is idle, so keep it 0 for long ones); how long a job is
 * leased before another worker may take it back (renewed every third of it while the job runs); how often it looks
 * for jobs when no wake-up came; how long one attempt may take (checked as leases are renewed); how long a call to
 * Redis may take; and how long stopping waits for running jobs.
 */
public record WorkerOptions(int concurrency, int prefetch, Duration lease, Duration poll, Duration jobTimeout,
    Duration redisTimeout, Duration stopGrace) {

  public static final WorkerOptions DEFAULTS = new WorkerOptions(10, 0, Duration.ofSeconds(30), Duration.ofSeconds(1),
      Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(30));

  public WorkerOptions {
    if (concurrency < 1 || prefetch < 0) {
      throw new IllegalArgumentException("a worker runs at least one job at a time, and prefetches none or more");
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
