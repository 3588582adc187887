package com.medcontracthub.platform.jobs;

import com.medcontracthub.codecs.jobs.BackfillJob;
import com.medcontracthub.jobs.ContinueLater;
import com.medcontracthub.jobs.JobFailure;
import com.medcontracthub.jobs.JobHandler;
import com.medcontracthub.jobs.RunningJob;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Runs a {@link Backfill} as a job: batch after batch, each followed by the job's progress and a checkpoint (the
 * cursor and the count so far), in slices of at most {@link #MAX_SLICE} (half the job timeout when that is less): a
 * slice over, the job continues later from its checkpoint, so however long a backfill takes no attempt times out, and
 * the next attempt of a job whose worker died goes on from the last batch done instead of from the start. A batch may
 * be done twice that way (its work was done, its checkpoint not yet written): a backfill's work is harmless twice.
 */
public final class BackfillRunner implements JobHandler {

  static final Duration MAX_SLICE = Duration.ofMinutes(1);
  static final String CURSOR = "cursor";
  static final String DONE = "done";
  static final String TOTAL = "total";

  private final Backfill backfill;
  private final long sliceNanos;

  public BackfillRunner(Backfill backfill, Duration slice) {
    this.backfill = backfill;
    this.sliceNanos = slice.toNanos();
  }

  /** A runner whose slices fit the jobs' timeout. */
  public static BackfillRunner of(Backfill backfill, MchConfig.Jobs settings) {
    Duration half = Duration.ofMillis(settings.timeoutMs() / 2);
    return new BackfillRunner(backfill, half.compareTo(MAX_SLICE) < 0 ? half : MAX_SLICE);
  }

  @Override
  public Future<JsonObject> run(RunningJob job) {
    JsonObject params = job.data().getValue(BackfillJob.PARAMS) instanceof JsonObject given ? given : new JsonObject();
    BackfillJob.Known known = BackfillJob.ALL.get(job.type());
    if (known != null && !known.params().containsAll(params.fieldNames())) {
      throw new JobFailure("'" + BackfillJob.PARAMS + "' of " + job.type() + ": only " + known.params() + ", not "
          + params.fieldNames());
    }
    Object size = job.data().getValue(BackfillJob.BATCH_SIZE, BackfillJob.DEFAULT_BATCH_SIZE);
    if (!(size instanceof Integer batch) || batch < 1 || batch > BackfillJob.MAX_BATCH_SIZE) {
      throw new JobFailure("'" + BackfillJob.BATCH_SIZE + "' must be 1 to " + BackfillJob.MAX_BATCH_SIZE + ", not " + size);
    }
    JsonObject from = job.checkpoint() == null ? new JsonObject() : job.checkpoint();
    long began = System.nanoTime();
    // counted once, on the first slice: the progress of the later ones is against the same total
    Future<Long> total = from.containsKey(TOTAL) ? Future.succeededFuture(from.getLong(TOTAL)) : backfill.size(params);
    return total.compose(items -> next(job, new Walk(params, batch, items, began), from.getString(CURSOR),
        from.getLong(DONE, 0L)));
  }

  /** What one slice of a job walks with: the backfill's parameters, the batch size, the items in all, its start. */
  private record Walk(JsonObject params, int size, long total, long began) {
  }

  private Future<JsonObject> next(RunningJob job, Walk walk, String cursor, long done) {
    return backfill.next(walk.params(), cursor, walk.size(), job.id()).compose(batch -> {
      if (batch.items() == 0) {
        return job.progress(100).map(new JsonObject().put("items", done));
      }
      long now = done + batch.items();
      int percent = walk.total() <= 0 ? 0 : (int) Math.min(99, now * 100 / walk.total());
      return job.progress(percent, new JsonObject().put(CURSOR, batch.cursor()).put(DONE, now).put(TOTAL, walk.total()))
          .compose(v -> System.nanoTime() - walk.began() > sliceNanos ? Future.failedFuture(new ContinueLater())
              : next(job, walk, batch.cursor(), now));
    });
  }
}
