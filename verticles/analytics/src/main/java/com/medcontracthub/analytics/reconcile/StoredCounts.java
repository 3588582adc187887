package com.medcontracthub.analytics.reconcile;

import com.medcontracthub.analytics.store.AnalyticsSql;
import com.medcontracthub.analytics.store.AnalyticsStore;
import com.medcontracthub.codecs.DailyCounts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** What the analytics store holds, as {@link DailyCounts}. */
public final class StoredCounts {

  /**
   * The counts scan every event: 6 s over 10 million on ClickHouse 18.16 with two cores, more than a request's timeout
   * (docs/performance.md).
   */
  public static final long TIMEOUT_MS = 120_000;

  private StoredCounts() {
  }

  public static Future<JsonObject> of(AnalyticsStore store) {
    return store.query(AnalyticsSql.dailyCounts(store.dialect()), TIMEOUT_MS).map(rows -> {
      JsonObject counts = new JsonObject();
      rows.forEach(row -> DailyCounts.put(counts, row.getString("aggregate"), row.getString("day"),
          ((Number) row.getValue("n")).longValue()));
      return counts;
    });
  }
}
