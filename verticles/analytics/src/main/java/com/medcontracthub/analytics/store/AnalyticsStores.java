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
    // no retry inside a call: one that timed out would run again on a server that goes on with the first, past the
    // gateway's 10 s; ingest is redelivered by Kafka, a query asked again by its user
    return MchConfig.Analytics.CLICKHOUSE.equals(config.store())
        ? Future.succeededFuture(new ClickHouseStore(vertx, new Breaker(vertx, "clickhouse", "ClickHouse",
            mch.resilience(), e -> true), config.clickhouseUrl(), config.clickhouseDatabase(), config.clickhouseUser(),
            config.clickhousePassword().orElse(""), config.timeoutMs()))
        : DuckDbStore.open(vertx, config.dir(), config.timeoutMs());
  }
}
