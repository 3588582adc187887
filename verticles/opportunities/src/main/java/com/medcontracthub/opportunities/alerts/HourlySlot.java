package com.medcontracthub.opportunities.alerts;

import com.medcontracthub.codecs.jobs.DigestJob;
import com.medcontracthub.jobs.JobFailure;
import com.medcontracthub.jobs.RunningJob;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The hour an hourly alert job serves: its repeat's slot. */
final class HourlySlot {

  private HourlySlot() {
  }

  /** The hour of the job's slot; a job without one fails for good, as a retry would not give it one. */
  static Instant of(RunningJob job) {
    if (!(job.data().getValue(DigestJob.SLOT) instanceof Number slot)) {
      throw new JobFailure("'" + DigestJob.SLOT + "' must be the hour, in epoch milliseconds");
    }
    return Instant.ofEpochMilli(slot.longValue()).truncatedTo(ChronoUnit.HOURS);
  }
}
