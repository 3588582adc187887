package com.medcontracthub.codecs.jobs;

/**
 * The response-deadline reminders of one hour (job type {@value #TYPE} on the alerts queue), enqueued every hour by
 * the opportunities service's scheduler; its slot is the hour, as a digest's ({@link DigestJob#SLOT}).
 */
public final class ReminderJob {

  public static final String QUEUE = DigestJob.QUEUE;
  public static final String TYPE = "alerts.deadline-reminders";

  private ReminderJob() {
  }
}
