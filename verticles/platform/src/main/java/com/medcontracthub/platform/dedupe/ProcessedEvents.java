package com.medcontracthub.platform.dedupe;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * What makes a consumer idempotent: it records the event id in the same transaction as its effect, and acts only
 * when the id is new. A redelivered event (Kafka is at least once) then changes nothing; a second delivery racing
 * the first waits on its uncommitted row and then finds it.
 */
public final class ProcessedEvents {

  private static final String RECORD = """
      INSERT INTO platform.processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING
      """;

  private ProcessedEvents() {
  }

  /** @return true when {@code consumer} sees {@code eventId} for the first time (and it is now recorded) */
  public static Future<Boolean> firstTime(SqlConnection transaction, String consumer, String eventId) {
    return transaction.preparedQuery(RECORD).execute(Tuple.of(consumer, UUID.fromString(eventId)))
        .map(rows -> rows.rowCount() == 1);
  }
}
