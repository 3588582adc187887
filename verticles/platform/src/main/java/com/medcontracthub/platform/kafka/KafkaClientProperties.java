package com.medcontracthub.platform.kafka;

import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.tracing.KafkaSpans;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.kafka.client.common.KafkaClientOptions;
import java.util.HashMap;
import java.util.Map;

/** Kafka client settings derived from the configuration: every call bounded by {@code kafka.timeout-ms}. */
public final class KafkaClientProperties {

  private static final int LINGER_MS = 5;

  private KafkaClientProperties() {
  }

  public static Map<String, String> admin(MchConfig config) {
    Map<String, String> p = new HashMap<>();
    p.put("bootstrap.servers", config.kafka().bootstrap());
    p.put("request.timeout.ms", String.valueOf(config.kafka().timeoutMs()));
    p.put("default.api.timeout.ms", String.valueOf(config.kafka().timeoutMs()));
    return p;
  }

  /** An idempotent producer: a retried send never duplicates a record in its partition. */
  public static Map<String, String> producer(MchConfig config) {
    Map<String, String> p = admin(config);
    p.remove("default.api.timeout.ms");
    p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("value.serializer", "io.vertx.kafka.client.serialization.BufferSerializer");
    p.put("enable.idempotence", "true");
    p.put("acks", "all");
    p.put("linger.ms", String.valueOf(LINGER_MS));
    p.put("delivery.timeout.ms", String.valueOf(config.kafka().timeoutMs() + LINGER_MS));
    p.put("max.block.ms", String.valueOf(config.kafka().timeoutMs()));
    return p;
  }

  /**
   * Options for a client whose records the product traces itself ({@link KafkaSpans}: the outbox relay, the inbound
   * bridge): the Kafka client's own spans, which know nothing of the outbox between a write and its record, stay off.
   */
  public static KafkaClientOptions tracedByTheProduct(Map<String, String> properties, boolean producer) {
    Map<String, Object> config = new HashMap<>(properties);
    return KafkaClientOptions.fromMap(config, producer).setConfig(config).setTracingPolicy(TracingPolicy.IGNORE);
  }

  /** A consumer that commits only what the bridge tells it to, starting new groups at the oldest record. */
  public static Map<String, String> consumer(MchConfig config, String group) {
    Map<String, String> p = admin(config);
    p.put("group.id", group);
    p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    p.put("value.deserializer", "io.vertx.kafka.client.serialization.BufferDeserializer");
    p.put("enable.auto.commit", "false");
    p.put("auto.offset.reset", "earliest");
    p.put("max.poll.records", "500");
    // a consumer whose JVM died is noticed in 10 s (Kafka's default: 45 s) and its partitions go to the others
    p.put("session.timeout.ms", "10000");
    p.put("heartbeat.interval.ms", "3000");
    // a consumer joining or leaving moves only the partitions that change hands: the others' records out are not
    // taken back and delivered again by their new owner
    p.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
    return p;
  }
}
