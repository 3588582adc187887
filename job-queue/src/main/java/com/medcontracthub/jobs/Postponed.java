package com.medcontracthub.jobs;

/**
 * A handler's answer for "not now": what the job needs is out for a while (its circuit breaker is open), so trying it
 * would only spend an attempt. The job waits {@link #delayMs} and runs again, this attempt not counted; the reason is
 * kept among its errors (the last {@value Job#MAX_ERRORS}), so whoever looks at it sees why it waits.
 */
public final class Postponed extends RuntimeException {

  private final long delayMs;

  public Postponed(String reason, long delayMs) {
    super(reason, null, false, false);
    this.delayMs = delayMs;
  }

  public long delayMs() {
    return delayMs;
  }
}
