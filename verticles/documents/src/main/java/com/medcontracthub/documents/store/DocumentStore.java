package com.medcontracthub.documents.store;

import com.medcontracthub.platform.db.DailyCountsQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Documents in PostgreSQL as the API reads them, always within one tenant (the saga records and moves them). */
public final class DocumentStore {

  private final Pool pool;

  public DocumentStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<Document>> get(UUID tenant, UUID id) {
    return pool.preparedQuery(DocumentSql.GET).execute(Tuple.of(id, tenant)).map(DocumentStore::first);
  }

  public Future<List<Document>> byNotice(UUID tenant, String noticeId, int limit) {
    return pool.preparedQuery(DocumentSql.BY_NOTICE).execute(Tuple.of(tenant, noticeId, limit)).map(rows -> {
      List<Document> all = new ArrayList<>();
      rows.forEach(row -> all.add(Document.of(row)));
      return all;
    });
  }

  /** What PostgreSQL holds, as {@link com.medcontracthub.codecs.DailyCounts}, to reconcile the stores derived from it. */
  public Future<JsonObject> dailyCounts() {
    return DailyCountsQuery.run(pool, DocumentSql.DAILY_COUNTS);
  }

  private static Optional<Document> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Document.of(rows.iterator().next()));
  }
}
