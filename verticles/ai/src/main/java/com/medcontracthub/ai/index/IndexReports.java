package com.medcontracthub.ai.index;

import com.medcontracthub.codecs.DailyCounts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

/** What an index tells operators of itself: whether it can write (readiness) and what it holds (reconciling). */
public final class IndexReports {

  private IndexReports() {
  }

  /** Down, with the cause, once the index can no longer write. */
  public static Status status(NoticeIndex index) {
    return index.writeFailure()
        .map(e -> Status.KO(new JsonObject().put("error", "the index cannot write (" + e
            + "): restart the AI JVM once the cause, a full disk say, is fixed")))
        .orElse(Status.OK());
  }

  /** The notices it can find, as {@link DailyCounts} (not kept by day). */
  public static Future<JsonObject> dailyCounts(NoticeIndex index) {
    return index.size().map(notices -> DailyCounts.put(new JsonObject(), DailyCounts.OPEN_OPPORTUNITY,
        DailyCounts.ALL_DAYS, notices));
  }
}
