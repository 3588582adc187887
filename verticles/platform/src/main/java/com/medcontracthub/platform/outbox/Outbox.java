package com.medcontracthub.platform.outbox;

import com.medcontracthub.codecs.Headers;
import com.medcontracthub.platform.tracing.KafkaSpans;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.Envelope;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes domain events into the outbox inside the caller's transaction, and wakes the relay when it commits. Each row
 * is the Kafka record to send: key = aggregate id, value = the Avro-encoded event, headers = its envelope fields.
 */
public final class Outbox {

  private Outbox() {
  }

  public static Future<Void> append(SqlConnection transaction, String topic, SpecificRecord event) {
    return appendAll(transaction, topic, List.of(event));
  }

  public static Future<Void> appendAll(SqlConnection transaction, String topic, List<? extends SpecificRecord> events) {
    return write(transaction, OutboxSql.APPEND, topic, events);
  }

  /**
   * Events that were published before (read back from an event store, under their own ids) published again: a new
   * consumer sees them all; one that has them already drops them by id.
   */
  public static Future<Void> republishAll(SqlConnection transaction, String topic,
      List<? extends SpecificRecord> events) {
    return write(transaction, OutboxSql.REPUBLISH, topic, events);
  }

  private static Future<Void> write(SqlConnection transaction, String sql, String topic,
      List<? extends SpecificRecord> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = events.stream().map(event -> row(topic, event)).toList();
    return transaction.preparedQuery(sql).executeBatch(rows)
        .compose(v -> transaction.query(OutboxSql.NOTIFY).execute())
        .mapEmpty();
  }

  private static Tuple row(String topic, SpecificRecord event) {
    Envelope envelope = Events.envelopeOf(event);
    return Tuple.of(UUID.fromString(envelope.getEventId()), topic, envelope.getAggregateId(), envelope.getType(),
        headers(envelope), Buffer.buffer(Events.encode(event)));
  }

  /**
   * The envelope fields a consumer can route or filter on without decoding the value, and the trace of the write, for
   * the relay to continue.
   */
  static JsonObject headers(Envelope envelope) {
    JsonObject headers = new JsonObject()
        .put(Headers.EVENT_ID, envelope.getEventId())
        .put(Headers.EVENT_TYPE, envelope.getType())
        .put(Headers.SCHEMA_VERSION, String.valueOf(envelope.getSchemaVersion()));
    if (envelope.getCorrelationId() != null) {
      headers.put(Headers.CORRELATION_ID, envelope.getCorrelationId());
    }
    if (envelope.getTenantId() != null) {
      headers.put(Headers.TENANT_ID, envelope.getTenantId());
    }
    KafkaSpans.remember(headers);
    return headers;
  }
}
