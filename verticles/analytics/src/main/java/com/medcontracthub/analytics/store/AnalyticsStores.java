package com.medcontracthub.analytics.store;

import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The store {@code analytics.store} names. */
public final class AnalyticsStores {

  private AnalyticsStores() {
  }

  public static Future<AnalyticsStore> open(Vertx vertx, MchConfig.Analytics config) {
    return MchConfig.Analytics.CLICKHOUSE.equals(config.store())
        ? Future.succeededFuture(new ClickHouseStore(vertx, config.clickhouseUrl(), config.clickhouseDatabase(),
            config.clickhouseUser(), config.clickhousePassword().orElse(""), config.timeoutMs()))
        : DuckDbStore.open(vertx, config.dir(), config.timeoutMs());
  }
}
