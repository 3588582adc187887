package com.medcontracthub.jobs;

/**
 * Hears what a worker's jobs do, for metrics and for telling the user who started one. Called on the worker's
 * context; it must not block.
 */
public interface JobListener {

  JobListener NONE = new JobListener() {
  };

  /** The outcomes of an attempt that end a job (see {@link #ended}). */
  String COMPLETED = "completed";
  String FAILED = "failed";
  String DEAD = "dead";

  /** A job started an attempt, {@code waitedMs} after it was due. */
  default void started(TakenJob job, long waitedMs) {
  }

  default void progressed(TakenJob job, int percent) {
  }

  /**
   * An attempt ended and its outcome is recorded in Redis: {@code outcome} is completed, retry, continued (a slice of
   * it: it continues later from its checkpoint), failed, dead, or lost (the job had been taken back, its lease
   * expired); {@code error} is null when completed.
   */
  default void ended(TakenJob job, String outcome, String error, long ranMs) {
  }
}
