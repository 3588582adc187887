package com.medcontracthub.platform.kafka;

import com.medcontracthub.codecs.Headers;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.platform.config.OutboundMapping;
import com.medcontracthub.platform.correlation.CorrelationIds;
import com.medcontracthub.platform.tracing.KafkaSpans;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes what is sent to one event-bus address into one topic (a domain event in its Avro binary form), keyed by the {@link Headers#KAFKA_KEY} header, with
 * the other message headers (the correlation id among them) as record headers. The sender's reply comes once the
 * broker has acknowledged the record; a failure reply means it may not have been written.
 */
final class OutboundBridge {

  /** Status codes of failure replies, HTTP-like so a gateway can pass them on. */
  static final int BAD_BODY = 400;
  static final int NOT_WRITTEN = 503;

  private final Vertx vertx;
  private final OutboundMapping mapping;
  private final KafkaProducer<String, Buffer> producer;
  private MessageConsumer<Object> consumer;

  OutboundBridge(Vertx vertx, OutboundMapping mapping, KafkaProducer<String, Buffer> producer) {
    this.vertx = vertx;
    this.mapping = mapping;
    this.producer = producer;
  }

  Future<Void> start() {
    consumer = vertx.eventBus().consumer(mapping.address(), this::write);
    return consumer.completion();
  }

  private void write(Message<Object> message) {
    Buffer value = toBuffer(message.body());
    if (value == null) {
      message.fail(BAD_BODY, "unsupported body type for Kafka: "
          + (message.body() == null ? "null" : message.body().getClass().getSimpleName()));
      return;
    }
    KafkaProducerRecord<String, Buffer> record =
        KafkaProducerRecord.create(mapping.topic(), message.headers().get(Headers.KAFKA_KEY), value);
    for (Map.Entry<String, String> header : message.headers()) {
      // the producer's tracer writes the trace on from this message's span
      if (!header.getKey().equals(Headers.KAFKA_KEY) && !header.getKey().equals(Headers.CORRELATION_ID)
          && !KafkaSpans.FIELDS.contains(header.getKey())) {
        record.addHeader(header.getKey(), header.getValue());
      }
    }
    record.addHeader(Headers.CORRELATION_ID, CorrelationIds.orNew(message.headers().get(Headers.CORRELATION_ID)));
    producer.send(record)
        .onSuccess(meta -> message.reply(new JsonObject()
            .put("topic", meta.getTopic()).put("partition", meta.getPartition()).put("offset", meta.getOffset())))
        .onFailure(e -> message.fail(NOT_WRITTEN, "not written to " + mapping.topic() + ": " + e.getMessage()));
  }

  private static Buffer toBuffer(Object body) {
    if (body instanceof Buffer buffer) {
      return buffer;
    }
    if (body instanceof String s) {
      return Buffer.buffer(s.getBytes(StandardCharsets.UTF_8));
    }
    if (body instanceof JsonObject json) {
      return json.toBuffer();
    }
    if (body instanceof JsonArray json) {
      return json.toBuffer();
    }
    if (body instanceof byte[] bytes) {
      return Buffer.buffer(bytes);
    }
    if (body instanceof SpecificRecord event) {
      return Buffer.buffer(Events.encode(event));
    }
    return null;
  }

  Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
