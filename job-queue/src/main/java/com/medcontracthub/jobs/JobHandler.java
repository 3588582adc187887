package com.medcontracthub.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Runs the jobs of one type. At least once: a job whose worker died runs again, so a handler makes its effect
 * idempotent by the job's id. A failed future is a failed attempt (retried with backoff); a {@link JobFailure}
 * marked permanent ends the job without retrying.
 */
@FunctionalInterface
public interface JobHandler {

  Future<JsonObject> run(RunningJob job);
}
