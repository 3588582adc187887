package com.medcontracthub.platform.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** Writes a domain event into the outbox inside the caller's transaction, and wakes the relay when it commits. */
public final class Outbox {

  private Outbox() {
  }

  public static Future<Void> append(SqlConnection transaction, String topic, EventEnvelope event) {
    return transaction.preparedQuery(OutboxSql.APPEND)
        .execute(Tuple.of(event.eventId(), topic, event.aggregateId(), event.toJson()))
        .compose(v -> transaction.query(OutboxSql.NOTIFY).execute())
        .mapEmpty();
  }
}
