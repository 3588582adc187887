package com.medcontracthub.platform.kafka;

import com.medcontracthub.codecs.Headers;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.platform.config.InboundMapping;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the records of one topic onto one event-bus address, at least once.
 *
 * <p>It polls a batch, delivers each partition's records in order, and commits per partition the offset after the
 * last record of the unbroken run of successes. At the first failure in a partition it seeks back to that record
 * and pauses the partition for a jittered back-off, so the record comes again; records after it that had already succeeded
 * come again too (consumers dedupe by event id). The next batch is polled only when this one is settled, which is
 * the backpressure: a slow handler slows the poll loop, not the heap.
 */
final class InboundBridge {

  private static final Logger LOG = LoggerFactory.getLogger(InboundBridge.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  /** A failed partition waits 250–750 ms: jitter keeps bridges on several JVMs from retrying in step. */
  private static final long RETRY_BACKOFF_MS = 500;

  private final Vertx vertx;
  private final InboundMapping mapping;
  private final KafkaConsumer<String, Buffer> consumer;
  private final Promise<Void> stopped = Promise.promise();
  private boolean running;

  InboundBridge(Vertx vertx, InboundMapping mapping, Map<String, String> consumerProperties) {
    this.vertx = vertx;
    this.mapping = mapping;
    this.consumer = KafkaConsumer.create(vertx, consumerProperties);
  }

  Future<Void> start() {
    return consumer.subscribe(mapping.topic()).onSuccess(v -> {
      running = true;
      pollNext();
    });
  }

  private void pollNext() {
    if (!running) {
      stopped.complete();
      return;
    }
    consumer.poll(POLL_TIMEOUT)
        .compose(this::deliver)
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.warn("bridge {} -> {}: {}; polling again", mapping.topic(), mapping.address(), ar.cause().toString());
          }
          pollNext();
        });
  }

  private Future<Void> deliver(KafkaConsumerRecords<String, Buffer> records) {
    Map<TopicPartition, List<KafkaConsumerRecord<String, Buffer>>> byPartition = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, Buffer> record = records.recordAt(i);
      byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>())
          .add(record);
    }
    List<Future<PartitionOutcome>> outcomes = new ArrayList<>();
    byPartition.forEach((tp, list) -> outcomes.add(deliverPartition(tp, list)));
    return Future.join(outcomes).transform(ar -> settle(outcomes));
  }

  private Future<PartitionOutcome> deliverPartition(TopicPartition tp, List<KafkaConsumerRecord<String, Buffer>> list) {
    List<Future<?>> deliveries = new ArrayList<>(list.size());
    for (KafkaConsumerRecord<String, Buffer> record : list) {
      deliveries.add(deliverOne(record));
    }
    return Future.join(deliveries).transform(ar -> {
      long committable = -1;
      for (int i = 0; i < deliveries.size(); i++) {
        if (deliveries.get(i).failed()) {
          KafkaConsumerRecord<String, Buffer> failed = list.get(i);
          LOG.warn("bridge {} -> {}: record {}-{}@{} not handled ({}); it will be redelivered", mapping.topic(),
              mapping.address(), failed.topic(), failed.partition(), failed.offset(), deliveries.get(i).cause().getMessage());
          return Future.succeededFuture(new PartitionOutcome(tp, committable, failed.offset()));
        }
        committable = list.get(i).offset() + 1;
      }
      return Future.succeededFuture(new PartitionOutcome(tp, committable, -1));
    });
  }

  private Future<?> deliverOne(KafkaConsumerRecord<String, Buffer> record) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(mapping.timeoutMs())
        .setLocalOnly(mapping.service() != null);
    for (KafkaHeader header : record.headers()) {
      options.addHeader(header.key(), header.value().toString());
    }
    if (record.key() != null) {
      options.addHeader(Headers.KAFKA_KEY, record.key());
    }
    options.addHeader(Headers.KAFKA_TOPIC, record.topic())
        .addHeader(Headers.KAFKA_PARTITION, String.valueOf(record.partition()))
        .addHeader(Headers.KAFKA_OFFSET, String.valueOf(record.offset()));
    Object value;
    try {
      value = body(record);
    } catch (IllegalArgumentException e) {
      // No build can read it, so redelivery would stop the partition for good: it is logged and passed over.
      LOG.error("bridge {} -> {}: record {}-{}@{} skipped, not an event: {}", mapping.topic(), mapping.address(),
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return Future.succeededFuture();
    }
    if (mapping.delivery() == InboundMapping.Delivery.PUBLISH) {
      vertx.eventBus().publish(mapping.address(), value, options);
      return Future.succeededFuture();
    }
    return vertx.eventBus().request(mapping.address(), value, options);
  }

  private Object body(KafkaConsumerRecord<String, Buffer> record) {
    Buffer value = record.value() == null ? Buffer.buffer() : record.value();
    return mapping.format() == InboundMapping.Format.AVRO ? Events.decode(value.getBytes()) : value;
  }

  private Future<Void> settle(List<Future<PartitionOutcome>> outcomes) {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    List<Future<?>> work = new ArrayList<>();
    for (Future<PartitionOutcome> f : outcomes) {
      PartitionOutcome outcome = f.result();
      if (outcome.committable() >= 0) {
        commits.put(outcome.partition(), new OffsetAndMetadata(outcome.committable(), ""));
      }
      if (outcome.failedOffset() >= 0) {
        work.add(retryLater(outcome.partition(), outcome.failedOffset()));
      }
    }
    if (!commits.isEmpty()) {
      work.add(consumer.commit(commits));
    }
    return Future.all(work).mapEmpty();
  }

  private Future<Void> retryLater(TopicPartition tp, long offset) {
    long backoff = RETRY_BACKOFF_MS / 2 + ThreadLocalRandom.current().nextLong(RETRY_BACKOFF_MS);
    return consumer.seek(tp, offset)
        .compose(v -> consumer.pause(tp))
        .onSuccess(v -> vertx.setTimer(backoff, id -> {
          if (running) {
            consumer.resume(tp);
          }
        }));
  }

  /** Stops polling after the batch in hand is settled, then leaves the group. */
  Future<Void> stop() {
    if (!running) {
      return consumer.close();
    }
    running = false;
    return stopped.future().eventually(consumer::close);
  }

  private record PartitionOutcome(TopicPartition partition, long committable, long failedOffset) {
  }
}
