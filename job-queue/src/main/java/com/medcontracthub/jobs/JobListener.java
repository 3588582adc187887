package com.medcontracthub.jobs;

/**
 * Hears what a worker's jobs do, for metrics and for telling the user who started one. Called on the worker's
 * context; it must not block.
 */
public interface JobListener {

  JobListener NONE = new JobListener() {
  };

  /** A job started an attempt, {@code waitedMs} after it was due. */
  default void started(TakenJob job, long waitedMs) {
  }

  default void progressed(TakenJob job, int percent) {
  }

  /** An attempt ended: {@code outcome} is completed, retry, failed or dead; {@code error} is null when completed. */
  default void ended(TakenJob job, String outcome, String error, long ranMs) {
  }
}
