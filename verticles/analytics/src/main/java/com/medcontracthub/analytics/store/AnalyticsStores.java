package com.medcontracthub.analytics.store;

import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.resilience.Breaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The store {@code analytics.store} names. */
public final class AnalyticsStores {

  private AnalyticsStores() {
  }

  public static Future<AnalyticsStore> open(Vertx vertx, MchConfig mch) {
    MchConfig.Analytics config = mch.analytics();
    // reads, and writes the table collapses by event id: a failed call can be tried again
    return MchConfig.Analytics.CLICKHOUSE.equals(config.store())
        ? Future.succeededFuture(new ClickHouseStore(vertx, new Breaker(vertx, "clickhouse", "ClickHouse",
            mch.resilience(), 2), config.clickhouseUrl(), config.clickhouseDatabase(), config.clickhouseUser(),
            config.clickhousePassword().orElse(""), config.timeoutMs()))
        : DuckDbStore.open(vertx, config.dir(), config.timeoutMs());
  }
}
