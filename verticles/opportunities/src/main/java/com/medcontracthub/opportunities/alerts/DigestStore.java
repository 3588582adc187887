package com.medcontracthub.opportunities.alerts;

import static com.medcontracthub.platform.db.SqlTimes.utc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the digests read and record: the searches due at an hour, their matches of a period, and what was sent. */
final class DigestStore {

  static final int MAX_ITEMS = 50;

  /**
   * A search whose digest is due: whose, to which address, its unsubscribe secret, the start of its period, its digest
   * time.
   */
  record Due(UUID id, UUID owner, String name, String email, String unsubscribeToken, Instant since, Instant scheduled) {
  }

  /** A digest's matches: the first {@value #MAX_ITEMS}, oldest first, and how many there are. */
  record Matches(JsonArray items, long total) {
  }

  private final Pool pool;

  DigestStore(Pool pool) {
    this.pool = pool;
  }

  Future<List<Due>> due(Instant hour, int localHour) {
    return pool.preparedQuery(DigestSql.DUE).execute(Tuple.of(utc(hour), localHour)).map(rows -> {
      List<Due> due = new ArrayList<>();
      for (Row row : rows) {
        due.add(new Due(row.getUUID("id"), row.getUUID("created_by"), row.getString("name"), row.getString("owner_email"),
            row.getString("unsubscribe_token"), row.getOffsetDateTime("since").toInstant(),
            row.getOffsetDateTime("scheduled").toInstant()));
      }
      return due;
    });
  }

  Future<Matches> matches(UUID search, Instant since, Instant until) {
    return pool.preparedQuery(DigestSql.MATCHES).execute(Tuple.of(search, utc(since), utc(until), (long) MAX_ITEMS))
        .map(rows -> {
          JsonArray items = new JsonArray();
          long total = 0;
          for (Row row : rows) {
            items.add(new JsonObject().put("noticeId", row.getString("notice_id")).put("title", row.getString("title")));
            total = row.getLong("total");
          }
          return new Matches(items, total);
        });
  }

  Future<Void> digested(Due search, Instant until) {
    return pool.preparedQuery(DigestSql.DIGESTED).execute(Tuple.of(search.id(), utc(until), utc(search.scheduled())))
        .mapEmpty();
  }

}
