package com.medcontracthub.testkit;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.avro.EventDeserializer;
import com.medcontracthub.codecs.avro.Events;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Produces to and reads from the test Kafka, with futures that complete when the awaited records have arrived. */
public final class KafkaTestClient {

  private final Vertx vertx;
  private final String bootstrap;
  private KafkaProducer<String, Buffer> producer;

  public KafkaTestClient(Vertx vertx) {
    this.vertx = vertx;
    this.bootstrap = TestInfrastructure.get().settings().get(ConfigKeys.KAFKA_BOOTSTRAP);
  }

  public Future<RecordMetadata> produce(String topic, String key, String value, Map<String, String> headers) {
    return produce(topic, key, Buffer.buffer(value), headers);
  }

  /** A domain event, as the outbox relay writes it: its Avro encoding, keyed by its aggregate. */
  public Future<RecordMetadata> produceEvent(String topic, SpecificRecord event) {
    return produce(topic, Events.envelopeOf(event).getAggregateId(), Buffer.buffer(Events.encode(event)), Map.of());
  }

  private Future<RecordMetadata> produce(String topic, String key, Buffer value, Map<String, String> headers) {
    if (producer == null) {
      producer = KafkaProducer.create(vertx, Map.of(
          "bootstrap.servers", bootstrap,
          "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
          "value.serializer", "io.vertx.kafka.client.serialization.BufferSerializer",
          "acks", "all"));
    }
    KafkaProducerRecord<String, Buffer> record = KafkaProducerRecord.create(topic, key, value);
    headers.forEach(record::addHeader);
    return producer.send(record);
  }

  /** The first {@code count} records of {@code topic} (from its beginning) that match, read by a throw-away group. */
  public Future<List<KafkaConsumerRecord<String, String>>> await(String topic, int count,
      Predicate<KafkaConsumerRecord<String, String>> matching) {
    return read(topic, count, StringDeserializer.class, matching);
  }

  /** Like {@link #await}, for a topic of domain events, decoded by the events' Kafka deserializer. */
  public Future<List<KafkaConsumerRecord<String, SpecificRecord>>> awaitEvents(String topic, int count,
      Predicate<KafkaConsumerRecord<String, SpecificRecord>> matching) {
    return read(topic, count, EventDeserializer.class, matching);
  }

  private <V> Future<List<KafkaConsumerRecord<String, V>>> read(String topic, int count,
      Class<? extends Deserializer<V>> values, Predicate<KafkaConsumerRecord<String, V>> matching) {
    KafkaConsumer<String, V> consumer = KafkaConsumer.create(vertx, Map.of(
        "bootstrap.servers", bootstrap,
        "group.id", "test-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest",
        "key.deserializer", StringDeserializer.class.getName(),
        "value.deserializer", values.getName()));
    List<KafkaConsumerRecord<String, V>> seen = new ArrayList<>();
    Promise<List<KafkaConsumerRecord<String, V>>> done = Promise.promise();
    consumer.handler(record -> {
      if (matching.test(record) && seen.size() < count) {
        seen.add(record);
        if (seen.size() == count) {
          done.tryComplete(List.copyOf(seen));
        }
      }
    });
    return consumer.subscribe(topic).compose(v -> done.future()).eventually(consumer::close);
  }

  /** Every domain event of {@code topic} that matches, from its beginning to its end as it is when this is called. */
  public Future<List<KafkaConsumerRecord<String, SpecificRecord>>> eventsSoFar(String topic,
      Predicate<KafkaConsumerRecord<String, SpecificRecord>> matching) {
    KafkaConsumer<String, SpecificRecord> consumer = KafkaConsumer.create(vertx, Map.of(
        "bootstrap.servers", bootstrap,
        "group.id", "test-" + UUID.randomUUID(),
        "key.deserializer", StringDeserializer.class.getName(),
        "value.deserializer", EventDeserializer.class.getName()));
    List<KafkaConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();
    Promise<List<KafkaConsumerRecord<String, SpecificRecord>>> done = Promise.promise();
    Map<TopicPartition, Long> left = new ConcurrentHashMap<>();
    return consumer.partitionsFor(topic).compose(infos -> {
      Set<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.getPartition()))
          .collect(Collectors.toSet());
      return consumer.endOffsets(partitions).compose(ends -> {
        ends.forEach((tp, end) -> {
          if (end > 0) {
            left.put(tp, end);
          }
        });
        if (left.isEmpty()) {
          done.tryComplete(List.of());
        }
        consumer.handler(record -> {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          Long end = left.get(tp);
          if (end == null || record.offset() >= end) {
            return;
          }
          if (matching.test(record)) {
            seen.add(record);
          }
          if (record.offset() + 1 >= end) {
            left.remove(tp);
            if (left.isEmpty()) {
              done.tryComplete(List.copyOf(seen));
            }
          }
        });
        return consumer.assign(partitions).compose(v -> consumer.seekToBeginning(partitions));
      });
    }).compose(v -> done.future()).eventually(consumer::close);
  }

  /** Completes once {@code group} has committed past {@code record}: its consumer is done with it. */
  public Future<Void> awaitCommitted(String group, KafkaConsumerRecord<String, ?> record) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", bootstrap));
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    return committedPast(admin, group, partition, record.offset()).eventually(admin::close);
  }

  private Future<Void> committedPast(KafkaAdminClient admin, String group, TopicPartition partition, long offset) {
    return admin.listConsumerGroupOffsets(group).compose(offsets -> {
      OffsetAndMetadata committed = offsets.get(partition);
      return committed != null && committed.getOffset() > offset ? Future.succeededFuture()
          : vertx.timer(100).compose(t -> committedPast(admin, group, partition, offset));
    });
  }

  public Future<Void> close() {
    return producer == null ? Future.succeededFuture() : producer.close();
  }
}
