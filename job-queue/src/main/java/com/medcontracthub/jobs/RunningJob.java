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

  /** Records how far it has come (0 to 100) where the API shows it, and tells the worker's listener. */
  Future<Void> progress(int percent);
}
