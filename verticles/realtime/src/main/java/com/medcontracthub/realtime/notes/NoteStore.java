package com.medcontracthub.realtime.notes;

import com.medcontracthub.platform.bus.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Shared notes edited by operational transformation with a server order (docs/decisions/0004-shared-notes-ot.md):
 * an edit names the version it was made on; under the note's row lock it is transformed against every operation
 * applied since, applied, and recorded as the next version. Resending an edit (same {@code opId}) answers what was
 * applied the first time instead of applying it twice.
 */
public final class NoteStore {

  public static final int MAX_CHARS = 100_000;
  /** How far behind an edit may be; a client further behind reloads the note. */
  static final int MAX_BEHIND = 1_000;

  /** An edit as applied: the note's new version and the operation as transformed. */
  public record Applied(int version, TextOperation operation, boolean repeated) {
  }

  private final Pool pool;

  public NoteStore(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonObject> load(UUID tenant, String notice) {
    return pool.preparedQuery(NoteSql.LOAD).execute(Tuple.of(tenant, notice)).map(rows -> rows.size() == 0
        ? new JsonObject().put("text", "").put("version", 0)
        : new JsonObject().put("text", rows.iterator().next().getString("body"))
            .put("version", rows.iterator().next().getInteger("version")));
  }

  public Future<Applied> edit(UUID tenant, String notice, UUID user, int version, TextOperation operation, String opId) {
    return pool.withTransaction(conn -> conn.preparedQuery(NoteSql.CREATE).execute(Tuple.of(tenant, notice))
        .compose(created -> conn.preparedQuery(NoteSql.LOCK).execute(Tuple.of(tenant, notice)))
        .compose(locked -> {
          Row note = locked.iterator().next();
          return conn.preparedQuery(NoteSql.APPLIED).execute(Tuple.of(tenant, notice, opId)).compose(earlier ->
              earlier.size() > 0
                  ? Future.succeededFuture(repeated(earlier.iterator().next()))
                  : apply(conn, tenant, notice, user, note, version, operation, opId));
        }));
  }

  private Future<Applied> apply(SqlConnection conn, UUID tenant, String notice, UUID user, Row note, int version,
      TextOperation operation, String opId) {
    int current = note.getInteger("version");
    if (version > current) {
      return Future.failedFuture(new Refusal(409, "version " + version + " is ahead of the note (" + current + ")"));
    }
    if (current - version > MAX_BEHIND) {
      return Future.failedFuture(new Refusal(409, "the edit is " + (current - version) + " versions behind; reload"));
    }
    return conn.preparedQuery(NoteSql.SINCE).execute(Tuple.of(tenant, notice, version)).compose(since -> {
      TextOperation transformed = transformed(operation, since);
      String text = note.getString("body");
      String after;
      try {
        after = transformed.apply(text);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new Refusal(400, "the edit does not fit version " + version + ": " + e.getMessage()));
      }
      if (after.length() > MAX_CHARS) {
        return Future.failedFuture(new Refusal(413, "notes are limited to " + MAX_CHARS + " characters"));
      }
      int next = current + 1;
      return conn.preparedQuery(NoteSql.RECORD)
          .execute(Tuple.of(tenant, notice, next, transformed.toJson(), opId, user))
          .compose(recorded -> conn.preparedQuery(NoteSql.SAVE).execute(Tuple.of(tenant, notice, after, next)))
          .map(saved -> new Applied(next, transformed, false));
    });
  }

  /** The edit made on an older version, moved past each operation applied since, in their order. */
  private static TextOperation transformed(TextOperation operation, RowSet<Row> since) {
    TextOperation moved = operation;
    for (Row row : since) {
      try {
        moved = TextOperation.transform(moved, TextOperation.fromJson((JsonArray) row.getJson("operation")))[0];
      } catch (IllegalArgumentException e) {
        throw new Refusal(400, "the edit does not fit its version: " + e.getMessage());
      }
    }
    return moved;
  }

  private static Applied repeated(Row row) {
    return new Applied(row.getInteger("version"), TextOperation.fromJson((JsonArray) row.getJson("operation")), true);
  }
}
