package com.medcontracthub.perf;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.kafka.KafkaBridgeVerticle;
import com.medcontracthub.platform.node.VertxFactory;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.common.TopicPartition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records/s from a Kafka topic to an event-bus consumer through the bridge in {@code request} delivery (each
 * record's offset committed only after the consumer's reply), against the embedded broker.
 *
 * <p>Usage: {@code KafkaBridgeBenchmark [records] [partitions]}. The topic is filled first, then the clock runs from
 * deploying the bridge until every record was handled and the group's committed offsets reached the end.
 */
public final class KafkaBridgeBenchmark {

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    String bootstrap = TestInfrastructure.get().settings().get(ConfigKeys.KAFKA_BOOTSTRAP);
    for (int round = 1; round <= 2; round++) {
      String topic = "perf.bridge." + System.nanoTime();
      fill(bootstrap, topic, records, partitions);
      run(topic, records, partitions, round == 1 ? "warm-up" : "measured");
    }
    System.exit(0);
  }

  private static void fill(String bootstrap, String topic, int records, int partitions) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("linger.ms", "5");
    p.put("batch.size", "131072");
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(topic, partitions, (short) 1)))
          .all().get();
    }
    String value = "{\"eventId\":\"6f1c8a52-3b7e-4c1e-9a57-0c1d2e3f4a5b\",\"type\":\"OpportunityChanged\",\"stage\":\"q\"}";
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, "opp-" + (i % 1000), value));
      }
      producer.flush();
    }
  }

  private static void run(String topic, int records, int partitions, String label) throws Exception {
    Path file = Files.createTempFile("bridge", ".yaml");
    Files.writeString(file, "bridge:\n  inbound:\n    - {topic: " + topic + ", address: perf.bridge, delivery: request,"
        + " group: perf-" + topic + "}\n");
    Vertx bootstrapVertx = Vertx.vertx();
    MchConfig config = ConfigLoader.load(bootstrapVertx, "cluster", Optional.of(file), TestInfrastructure.environment(),
        Map.of()).await();
    bootstrapVertx.close().await();
    Vertx vertx = VertxFactory.create(config, false).await();

    AtomicLong handled = new AtomicLong();
    CompletableFuture<Long> allHandled = new CompletableFuture<>();
    vertx.eventBus().<Buffer>consumer("perf.bridge", m -> {
      m.reply(null);
      if (handled.incrementAndGet() == records) {
        allHandled.complete(System.nanoTime());
      }
    }).completion().await();

    long t0 = System.nanoTime();
    vertx.deployVerticle(new KafkaBridgeVerticle(config)).await();
    long handledAt = allHandled.get();
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", config.kafka().bootstrap()));
    while (committed(admin, "perf-" + topic, topic, partitions) < records) {
      Thread.sleep(20);
    }
    long committedAt = System.nanoTime();
    System.out.println(String.format(Locale.ROOT,
        "kafka bridge, request delivery, %d partition(s) [%s]: %d records handled in %.2f s = %.0f rec/s; "
            + "all offsets committed after %.2f s = %.0f rec/s (handled %d, redelivered %d)",
        partitions, label, records, (handledAt - t0) / 1e9, records / ((handledAt - t0) / 1e9),
        (committedAt - t0) / 1e9, records / ((committedAt - t0) / 1e9), handled.get(), handled.get() - records));
    admin.close().await();
    vertx.close().await();
  }

  /** The offsets {@code group} committed on the topic's partitions, summed. */
  static long committed(KafkaAdminClient admin, String group, String topic, int partitions) {
    Map<TopicPartition, io.vertx.kafka.client.consumer.OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).await();
    long total = 0;
    for (int p = 0; p < partitions; p++) {
      var o = offsets.get(new TopicPartition(topic, p));
      total += o == null ? 0 : o.getOffset();
    }
    return total;
  }
}
