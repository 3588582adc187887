package com.medcontracthub.analytics.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * Brings a store's schema up to date: the migrations after the newest one its {@code schema_versions} table records,
 * each recorded once applied. Every migration is idempotent ({@code IF NOT EXISTS}, or a failure that says it is
 * there), so two analytics JVMs starting together may both apply one without harm.
 */
final class Migrations {

  private Migrations() {
  }

  static Future<Void> apply(Dialect dialect, Function<String, Future<Void>> execute,
      Function<String, Future<List<JsonObject>>> query) {
    List<String> migrations = AnalyticsSql.migrations(dialect);
    return execute.apply(AnalyticsSql.versionsTable(dialect))
        .compose(v -> query.apply(AnalyticsSql.APPLIED))
        .compose(rows -> {
          int applied = ((Number) rows.get(0).getValue("applied")).intValue();
          Future<Void> chain = Future.succeededFuture();
          for (int version = applied + 1; version <= migrations.size(); version++) {
            String statement = migrations.get(version - 1);
            int recorded = version;
            chain = chain.compose(v -> execute.apply(statement)
                    .recover(e -> Dialect.alreadyApplied(e) ? Future.succeededFuture() : Future.failedFuture(e)))
                .compose(v -> execute.apply(AnalyticsSql.recordVersion(recorded)));
          }
          return chain;
        });
  }
}
