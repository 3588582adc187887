package com.medcontracthub.ai.index;

import com.medcontracthub.codecs.DailyCounts;
import com.medcontracthub.platform.metrics.Meters;
import com.medcontracthub.platform.metrics.HeldGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an index tells operators of itself: whether it can write (readiness), what it holds (reconciling, and
 * {@code mch_ai_index_notices{store}}).
 */
public final class IndexReports {

  static final long SIZE_EVERY_MS = 15_000;
  private static final Logger LOG = LoggerFactory.getLogger(IndexReports.class);

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

  /**
   * Reads the index's size now and every {@value #SIZE_EVERY_MS} ms into {@code mch_ai_index_notices{store}}; answers
   * the timer to cancel. A read that fails leaves the last value (NaN before the first).
   */
  public static long sizeGauge(Vertx vertx, NoticeIndex index, String store) {
    HeldGauge size = HeldGauge.of(Meters.registry(), "mch_ai_index_notices", "The notices the AI index can find",
        Tags.of("store", store), Double.NaN);
    Runnable read = () -> index.size().onSuccess(size::set)
        .onFailure(e -> LOG.debug("ai: the index's size not read: {}", e.getMessage()));
    read.run();
    return vertx.setPeriodic(SIZE_EVERY_MS, id -> read.run());
  }
}
