package com.medcontracthub.perf;

import com.medcontracthub.analytics.AnalyticsVerticle;
import com.medcontracthub.analytics.store.AnalyticsStore;
import com.medcontracthub.analytics.store.AnalyticsStores;
import com.medcontracthub.analytics.summary.Summaries;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.PipelineStages;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.PipelineStageChanged;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.kafka.KafkaBridgeVerticle;
import com.medcontracthub.platform.node.VertxFactory;
import com.medcontracthub.testkit.ClickHouseTestServer;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Pipeline events from Kafka into each analytics store through the bridge and the analytics service, as a JVM running
 * it does (batches answered once stored, offsets committed after): first a backlog drained (events/s until every
 * offset is committed), then a steady rate for a while (the lag, produced minus committed, sampled every 100 ms:
 * p50, p99, max), then the summary's query time over all the events stored.
 *
 * <p>Usage: {@code AnalyticsIngestBenchmark [backlog events] [steady events/s] [steady seconds] [partitions]
 * [batch size]} (500 by default, as many as the bridge has out). CPU is
 * counted for the harness JVM (Kafka's broker, the bridge, the service and DuckDB all run in it: Kafka's threads are
 * also shown alone) and for the ClickHouse server's processes.
 */
public final class AnalyticsIngestBenchmark {

  private static final int TENANTS = 50;
  private static final int NOTICES = 2_000;

  public static void main(String[] args) throws Exception {
    int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 6;
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 500;
    Footprint infrastructure = Footprint.testInfrastructure();
    String clickhouse = ClickHouseTestServer.url();
    Footprint footprint = infrastructure.plus(Footprint.process("harness JVM (broker, bridge, service, DuckDB)",
        ProcessHandle.current().pid())).plus(Footprint.clickHouseServer());
    List<UUID> tenants = new ArrayList<>();
    for (int i = 0; i < TENANTS; i++) {
      tenants.add(UUID.randomUUID());
    }
    for (String store : List.of(MchConfig.Analytics.EMBEDDED, MchConfig.Analytics.CLICKHOUSE)) {
      run(store, clickhouse, tenants, backlog, rate, seconds, partitions, batch, footprint);
    }
  }

  private static void run(String store, String clickhouse, List<UUID> tenants, int backlog, int rate, int seconds,
      int partitions, int batch, Footprint footprint) throws Exception {
    String topic = "perf.analytics." + System.nanoTime();
    String bootstrap = TestInfrastructure.get().settings().get(ConfigKeys.KAFKA_BOOTSTRAP);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
    Path dir = Files.createTempDirectory("perf-analytics");
    Path file = dir.resolve("mch.yaml");
    Files.writeString(file, "services: [analytics]\nanalytics:\n  store: " + store + "\n  dir: " + dir
        + "\n  clickhouse-url: " + clickhouse + "\n  clickhouse-database: perf_" + System.nanoTime()
        + "\n  batch-size: " + batch
        + "\nbridge:\n  inbound:\n    - {topic: " + topic + ", address: analytics.events, delivery: request,"
        + " format: avro, group: perf-" + topic + ", timeout-ms: 30000, service: analytics}\n");
    Vertx loader = Vertx.vertx();
    MchConfig config = ConfigLoader.load(loader, "cluster", Optional.of(file), TestInfrastructure.environment(),
        Map.of()).await();
    loader.close().await();
    Vertx vertx = VertxFactory.create(config, false).await();
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", bootstrap));
    String group = "perf-" + topic;
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      long produced = produce(producer, topic, tenants, 0, backlog);
      String analytics = vertx.deployVerticle(new AnalyticsVerticle(config)).await();
      Footprint.Reading before = footprint.read();
      long t0 = System.nanoTime();
      String bridge = vertx.deployVerticle(new KafkaBridgeVerticle(config)).await();
      while (KafkaBridgeBenchmark.committed(admin, group, topic, partitions) < produced) {
        Thread.sleep(20);
      }
      double drained = (System.nanoTime() - t0) / 1e9;
      Map<String, Double> cpu = footprint.read().cpuSince(before);
      System.out.println(String.format(Locale.ROOT, "analytics ingest, %s store, %d partitions, batches of %d: a "
              + "backlog of %d events stored (offsets committed) in %.2f s = %.0f events/s; CPU %s", store, partitions,
          batch, backlog, drained, backlog / drained, Footprint.breakdown(cpu, 1, "%.1f s")));

      List<Long> lags = new ArrayList<>();
      long start = System.nanoTime();
      long next = start;
      while (System.nanoTime() - start < seconds * 1_000_000_000L) {
        produced += produce(producer, topic, tenants, produced, rate / 10);
        lags.add(produced - KafkaBridgeBenchmark.committed(admin, group, topic, partitions));
        next += 100_000_000L;
        Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
      }
      lags.sort(null);
      System.out.println(String.format(Locale.ROOT, "analytics ingest, %s store: %d events/s for %d s, lag (events "
              + "produced, not yet committed, every 100 ms) p50 %d, p99 %d, max %d", store, rate, seconds,
          lags.get(lags.size() / 2), lags.get((int) (lags.size() * 0.99)), lags.get(lags.size() - 1)));
      while (KafkaBridgeBenchmark.committed(admin, group, topic, partitions) < produced) {
        Thread.sleep(20);
      }
      // the service lets go of the store (DuckDB's file is one JVM's) before the harness queries it
      vertx.undeploy(bridge).await();
      vertx.undeploy(analytics).await();
      AnalyticsStore opened = AnalyticsStores.open(vertx, config).await();
      Summaries summaries = new Summaries(opened, Clock.systemUTC());
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < 21; i++) {
        long q0 = System.nanoTime();
        summaries.of(tenants.get(i % tenants.size())).await();
        times.add((System.nanoTime() - q0) / 1e6);
      }
      times.sort(null);
      System.out.println(String.format(Locale.ROOT, "analytics query, %s store: the summary of a tenant over %d events "
          + "stored: median %.1f ms, slowest of 21 %.1f ms", store, produced, times.get(10), times.get(20)));
      opened.close().await();
    } finally {
      admin.close().await();
      vertx.close().await();
    }
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("linger.ms", "5");
    p.put("batch.size", "131072");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** {@code count} pipeline moves, the n-th of them the {@code first + n}-th overall; answers how many it sent. */
  private static long produce(KafkaProducer<String, byte[]> producer, String topic, List<UUID> tenants, long first,
      int count) {
    for (long n = first; n < first + count; n++) {
      UUID tenant = tenants.get((int) (n % tenants.size()));
      String notice = "perf-" + (n % NOTICES);
      String aggregate = tenant + ":" + notice;
      PipelineStageChanged event = PipelineStageChanged.newBuilder()
          .setEnvelope(Events.envelope(PipelineStageChanged.class, "perf", UUID.randomUUID(), Instant.now(), null,
              tenant.toString(), aggregate))
          .setNoticeId(notice).setFrom(null).setTo(PipelineStages.ALL.get((int) (n % PipelineStages.ALL.size())))
          .setBy(tenant.toString()).setVersion((int) (n / NOTICES) + 1).build();
      producer.send(new ProducerRecord<>(topic, aggregate, Events.encode(event)));
    }
    producer.flush();
    return count;
  }
}
