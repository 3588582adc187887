package com.medcontracthub.realtime.comments;

import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.bus.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** A tenant's comments on opportunities: stored, then listed oldest first. */
public final class CommentStore {

  public static final int MAX_CHARS = 4_000;

  private final Pool pool;

  public CommentStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * The stored comment. The notice is not checked here: comments arrive through the bridge, which lets a socket talk
   * about a notice only once the opportunities service has answered that it exists ({@code OpportunityAccess}).
   * With the client's {@code opId} (null: none), a comment sent again after a lost answer is stored once: the same
   * author's same id answers the comment stored the first time, and names another comment with a 409.
   */
  public Future<JsonObject> add(Principal author, String notice, String text, String opId, String correlationId) {
    if (text == null || text.isBlank() || text.length() > MAX_CHARS) {
      return Future.failedFuture(new Refusal(400, "text: 1 to " + MAX_CHARS + " characters"));
    }
    return pool.preparedQuery(CommentSql.ADD)
        .execute(Tuple.of(author.tenantId(), notice, author.userId(), author.email(), text, correlationId, opId))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next())
            : pool.preparedQuery(CommentSql.SENT_BEFORE).execute(Tuple.of(author.tenantId(), author.userId(), opId))
                .compose(before -> sameComment(before.iterator().next(), notice, text)))
        .map(row -> comment(row.getLong("id"), notice, author.userId().toString(), author.email(), text,
            row.getOffsetDateTime("created_at").toString()));
  }

  private static Future<Row> sameComment(Row before, String notice, String text) {
    return before.getString("notice_id").equals(notice) && before.getString("body").equals(text)
        ? Future.succeededFuture(before)
        : Future.failedFuture(new Refusal(409, "opId: already used for another comment"));
  }

  /** Comments after {@code afterId}, oldest first. */
  public Future<JsonArray> list(Principal reader, String notice, long afterId, int limit) {
    return pool.preparedQuery(CommentSql.LIST).execute(Tuple.of(reader.tenantId(), notice, afterId, limit)).map(rows -> {
      JsonArray items = new JsonArray();
      for (Row row : rows) {
        items.add(comment(row.getLong("id"), notice, row.getUUID("user_id").toString(), row.getString("author_email"),
            row.getString("body"), row.getOffsetDateTime("created_at").toString()));
      }
      return items;
    });
  }

  private static JsonObject comment(long id, String notice, String userId, String email, String text, String at) {
    return new JsonObject().put("id", id).put("opportunityId", notice).put("userId", userId).put("email", email)
        .put("text", text).put("createdAt", at);
  }
}
