package com.medcontracthub.opportunities.saved;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** Saved searches in PostgreSQL, always within one tenant: another tenant's id reads as absent. */
public final class SavedSearchStore {

  private final Pool pool;

  public SavedSearchStore(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonArray> list(UUID tenant) {
    return pool.preparedQuery(SavedSearchSql.LIST).execute(Tuple.of(tenant)).map(rows -> {
      JsonArray all = new JsonArray();
      rows.forEach(row -> all.add(json(row)));
      return all;
    });
  }

  public Future<Optional<JsonObject>> get(UUID tenant, UUID id) {
    return pool.preparedQuery(SavedSearchSql.GET).execute(Tuple.of(id, tenant)).map(SavedSearchStore::first);
  }

  public Future<JsonObject> create(UUID tenant, UUID user, String name, JsonObject filters, String correlationId) {
    return pool.preparedQuery(SavedSearchSql.INSERT)
        .execute(Tuple.of(UUID.randomUUID(), tenant, user, name, filters, correlationId))
        .map(rows -> json(rows.iterator().next()));
  }

  public Future<Optional<JsonObject>> update(UUID tenant, UUID id, String name, JsonObject filters,
      String correlationId) {
    return pool.preparedQuery(SavedSearchSql.UPDATE).execute(Tuple.of(id, tenant, name, filters, correlationId))
        .map(SavedSearchStore::first);
  }

  public Future<Boolean> delete(UUID tenant, UUID id) {
    return pool.preparedQuery(SavedSearchSql.DELETE).execute(Tuple.of(id, tenant)).map(rows -> rows.rowCount() == 1);
  }

  private static Optional<JsonObject> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(json(rows.iterator().next()));
  }

  private static JsonObject json(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("filters", row.getJsonObject("filters"))
        .put("createdBy", row.getUUID("created_by").toString())
        .put("createdAt", row.getOffsetDateTime("created_at").toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toString());
  }
}
