package com.medcontracthub.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** A job as its handler sees it while it runs. */
public interface RunningJob {

  String id();

  String type();

  JsonObject data();

  /** 1 for the first attempt. */
  int attempt();

  int maxAttempts();

  /** The tenant and user who started it, or null. */
  String tenant();

  String user();

  /** Where an earlier attempt of this job left its work ({@link #progress(int, JsonObject)}), or null. */
  JsonObject checkpoint();

  /** Records how far it has come (0 to 100) where the API shows it, and tells the worker's listener. */
  default Future<Void> progress(int percent) {
    return progress(percent, null);
  }

  /**
   * Records how far it has come and, unless null, a checkpoint: a job whose worker dies takes its work up from the last
   * one in its next attempt, instead of from the start.
   */
  Future<Void> progress(int percent, JsonObject checkpoint);
}
