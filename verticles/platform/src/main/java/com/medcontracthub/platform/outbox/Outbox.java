package com.medcontracthub.platform.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** Writes a domain event into the outbox inside the caller's transaction, and wakes the relay when it commits. */
public final class Outbox {

  private Outbox() {
  }

  public static Future<Void> append(SqlConnection transaction, String topic, EventEnvelope event) {
    return appendAll(transaction, topic, List.of(event));
  }

  public static Future<Void> appendAll(SqlConnection transaction, String topic, List<EventEnvelope> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = events.stream()
        .map(event -> Tuple.of(event.eventId(), topic, event.aggregateId(), event.toJson())).toList();
    return transaction.preparedQuery(OutboxSql.APPEND).executeBatch(rows)
        .compose(v -> transaction.query(OutboxSql.NOTIFY).execute())
        .mapEmpty();
  }
}
