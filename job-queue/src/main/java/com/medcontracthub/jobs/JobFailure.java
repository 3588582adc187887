package com.medcontracthub.jobs;

/** A job that cannot succeed however often it runs (its data is wrong, its type unknown): failed, not retried. */
public final class JobFailure extends RuntimeException {

  public JobFailure(String message) {
    super(message, null, false, false);
  }
}
