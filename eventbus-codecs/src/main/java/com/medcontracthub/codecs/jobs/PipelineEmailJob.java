package com.medcontracthub.codecs.jobs;

/**
 * Users' pipeline e-mails of one hour, enqueued every hour by the opportunities service's scheduler on the alerts
 * queue ({@link DigestJob#QUEUE}): the response-deadline reminders (job type {@value #REMINDERS_TYPE}) and the weekly reports
 * ({@value #REPORTS_TYPE}); the slot is the hour, as a digest's ({@link DigestJob#SLOT}).
 */
public final class PipelineEmailJob {

  public static final String REMINDERS_TYPE = "alerts.deadline-reminders";
  public static final String REPORTS_TYPE = "alerts.weekly-reports";

  private PipelineEmailJob() {
  }
}
