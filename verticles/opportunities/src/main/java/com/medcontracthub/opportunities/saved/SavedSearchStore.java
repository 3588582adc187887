package com.medcontracthub.opportunities.saved;

import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.auth.LinkSecrets;
import com.medcontracthub.platform.bus.Refusal;
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

  /** A search of the owner's, its digests (if any) to the owner's address, with a new unsubscribe secret. */
  public Future<JsonObject> create(Principal owner, SavedSearch search, String correlationId) {
    return pool.preparedQuery(SavedSearchSql.INSERT)
        .execute(Tuple.of(UUID.randomUUID(), owner.tenantId(), owner.userId(), search.name(), search.filters(),
            correlationId, search.alerts(), search.timeZone(), owner.email() == null || owner.email().isBlank() ? null : owner.email(),
            LinkSecrets.next()))
        .map(rows -> json(rows.iterator().next()));
  }

  /**
   * Renames and refilters the search; its e-mails ({@code alerts}, {@code timeZone}) go to who saved it, so only they
   * change them (a 403 for anyone else). Empty when the tenant has no such search.
   */
  public Future<Optional<JsonObject>> update(Principal caller, UUID id, SavedSearch search, String correlationId) {
    return pool.preparedQuery(SavedSearchSql.UPDATE).execute(Tuple.of(id, caller.tenantId(), search.name(),
            search.filters(), correlationId, search.alerts(), search.timeZone(), caller.userId()))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(first(rows))
            : get(caller.tenantId(), id).compose(found -> found.isEmpty() ? Future.succeededFuture(found)
                : Future.failedFuture(new Refusal(403, "only who saved a search chooses its e-mails, which go to "
                    + "them: change its name and filters without alerts and timeZone"))));
  }

  /** Stops a search's digests when the secret is its own: the search's name, or empty. */
  public Future<Optional<String>> unsubscribe(UUID id, String token) {
    return pool.preparedQuery(SavedSearchSql.UNSUBSCRIBE).execute(Tuple.of(id, token)).map(rows -> rows.size() == 0
        ? Optional.empty() : Optional.of(rows.iterator().next().getString("name")));
  }

  /** What a search is given: name, filters, and how its digests go (null: unchanged, or the default when new). */
  public record SavedSearch(String name, JsonObject filters, String alerts, String timeZone) {
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
        .put("alerts", row.getString("alerts"))
        .put("timeZone", row.getString("time_zone"))
        .put("createdBy", row.getUUID("created_by").toString())
        .put("createdAt", row.getOffsetDateTime("created_at").toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toString());
  }
}
