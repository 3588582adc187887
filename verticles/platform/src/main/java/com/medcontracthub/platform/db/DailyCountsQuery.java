package com.medcontracthub.platform.db;

import com.medcontracthub.codecs.DailyCounts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

/** A service's {@link DailyCounts} from a query whose rows are {@code aggregate, day, n}. */
public final class DailyCountsQuery {

  private DailyCountsQuery() {
  }

  public static Future<JsonObject> run(Pool pool, String sql) {
    return pool.query(sql).execute().map(rows -> {
      JsonObject counts = new JsonObject();
      for (Row row : rows) {
        DailyCounts.put(counts, row.getString("aggregate"), row.getString("day"), row.getLong("n"));
      }
      return counts;
    });
  }
}
