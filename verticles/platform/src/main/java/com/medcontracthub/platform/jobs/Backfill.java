package com.medcontracthub.platform.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A service's backfill ({@link com.medcontracthub.codecs.jobs.BackfillJob}): it walks its items in a fixed order, a
 * batch at a time after a cursor, and does its work on each batch before it answers; {@link BackfillRunner} runs it
 * as a job, recording the cursor after each batch.
 */
public interface Backfill {

  /** A batch done: how many items it held, and the cursor after its last one. */
  record Batch(int items, String cursor) {
  }

  /** How many items there are to walk, for the job's progress. */
  Future<Long> size(JsonObject params);

  /**
   * Does the work on the next {@code size} items after {@code cursor} (null: from the first); none left: 0 items.
   * What it writes names the job as its cause ({@code correlationId}: the job's id).
   */
  Future<Batch> next(JsonObject params, String cursor, int size, String correlationId);
}
