package com.medcontracthub.codecs.jobs;

/**
 * The saved-search alert digests of one hour (job type {@value #TYPE} on queue {@value #QUEUE}), enqueued every hour
 * by the opportunities service's scheduler: {@value #SLOT} is the hour, in epoch milliseconds (where the job queue's
 * repeats put their slot).
 */
public final class DigestJob {

  public static final String QUEUE = "alerts";
  public static final String TYPE = "alerts.digest";
  public static final String SLOT = "slot";

  private DigestJob() {
  }
}
