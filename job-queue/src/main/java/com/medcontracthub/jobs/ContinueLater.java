package com.medcontracthub.jobs;

/**
 * A handler's answer for "not done yet": it did part of the work and recorded where it stands
 * ({@link RunningJob#progress(int, io.vertx.core.json.JsonObject)}). The job goes back to waiting, this attempt not
 * counted, and its next attempt takes up from the checkpoint: a long job runs in slices this way, each well within the
 * job timeout, with other jobs of its queue between them.
 */
public final class ContinueLater extends RuntimeException {

  public ContinueLater() {
    super("continues later", null, false, false);
  }
}
