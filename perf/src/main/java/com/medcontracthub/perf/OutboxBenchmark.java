package com.medcontracthub.perf;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.avro.EventDeserializer;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.PipelineStageChanged;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.node.VertxFactory;
import com.medcontracthub.platform.outbox.Outbox;
import com.medcontracthub.platform.outbox.OutboxRelayVerticle;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Outbox → Kafka: events written in PostgreSQL transactions (as the services write them), relayed by
 * {@link OutboxRelayVerticle}, read by a plain Kafka consumer with the events' deserializer. Lag is measured per
 * event from the start of the transaction that wrote it (an upper bound of commit → consumer: the transaction's own
 * few milliseconds are included) to its arrival at the consumer.
 *
 * <p>Usage: {@code OutboxBenchmark [seconds] [writers] [events per transaction] [paced events/s]}. Two phases on a
 * fresh topic each: writers flat out (the relay's sustained rate), then writers paced at the given rate (the lag a
 * consumer sees when the relay keeps up).
 */
public final class OutboxBenchmark {

  private static final String SOURCE = "perf";

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int writers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int perTransaction = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int paced = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    Vertx bootstrap = Vertx.vertx();
    MchConfig config = ConfigLoader.load(bootstrap, "cluster", Optional.empty(), TestInfrastructure.environment(),
        Map.of()).await();
    bootstrap.close().await();
    Vertx vertx = VertxFactory.create(config, false).await();
    Pool pool = PgPools.create(vertx, config, writers, PgPools.ACQUIRE_TIMEOUT_MS);
    pool.query("UPDATE platform.outbox SET published_at = now() WHERE published_at IS NULL").execute().await();
    vertx.deployVerticle(new OutboxRelayVerticle(config)).await();

    run(vertx, pool, config, 5, writers, perTransaction, 0, "warm-up");
    run(vertx, pool, config, seconds, writers, perTransaction, 0, "flat out");
    run(vertx, pool, config, seconds, writers, perTransaction, paced, "paced");
    vertx.close().await();
    System.exit(0);
  }

  private static void run(Vertx vertx, Pool pool, MchConfig config, int seconds, int writers, int perTransaction,
      int paced, String label) throws Exception {
    String topic = "perf.outbox." + System.nanoTime();
    Map<String, Long> began = new ConcurrentHashMap<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong written = new AtomicLong();
    Latencies lag = new Latencies();
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread reader = reader(config, topic, began, lag, reading);
    reader.start();
    Thread.sleep(1_000);

    long t0 = System.nanoTime();
    long intervalNanos = paced == 0 ? 0 : 1_000_000_000L * writers * perTransaction / paced;
    List<Future<Void>> loops = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      loops.add(writeLoop(vertx, pool, topic, "w" + w, perTransaction, intervalNanos, writing, written, began));
    }
    Thread.sleep(seconds * 1_000L);
    writing.set(false);
    Future.all(loops).await();
    double writeSeconds = (System.nanoTime() - t0) / 1e9;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (lag.count() < written.get() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    double deliverSeconds = (System.nanoTime() - t0) / 1e9;
    reading.set(false);
    reader.join();
    long delivered = lag.count();
    String outcome = delivered >= written.get() ? "all delivered after" : "the 60 s deadline ran out with only "
        + delivered + " of them delivered after";
    System.out.println(String.format(Locale.ROOT,
        "outbox -> kafka [%s] %d writers x %d events/tx%s: %d events written in %.1f s (%.0f/s), %s %.1f s = %.0f "
            + "events/s", label, writers, perTransaction, paced == 0 ? "" : ", paced " + paced + "/s",
        written.get(), writeSeconds, written.get() / writeSeconds, outcome, deliverSeconds, delivered / deliverSeconds));
    System.out.println(lag.summary("  transaction -> consumer lag", deliverSeconds));
  }

  private static Future<Void> writeLoop(Vertx vertx, Pool pool, String topic, String writer, int perTransaction,
      long intervalNanos, AtomicBoolean writing, AtomicLong written, Map<String, Long> began) {
    if (!writing.get()) {
      return Future.succeededFuture();
    }
    long started = System.nanoTime();
    List<PipelineStageChanged> events = new ArrayList<>(perTransaction);
    for (int i = 0; i < perTransaction; i++) {
      String aggregate = writer + ":" + (written.get() + i) % 100;
      events.add(PipelineStageChanged.newBuilder()
          .setEnvelope(Events.envelope(PipelineStageChanged.class, SOURCE, null, null, aggregate))
          .setNoticeId(aggregate).setFrom("identified").setTo("bidding").setBy(writer).setVersion(1).build());
    }
    events.forEach(e -> began.put(e.getEnvelope().getEventId(), started));
    return pool.withTransaction(conn -> Outbox.appendAll(conn, topic, events))
        .compose(v -> {
          long now = System.nanoTime();
          written.addAndGet(events.size());
          long wait = intervalNanos - (now - started);
          return wait > 1_000_000 ? vertx.timer(wait / 1_000_000).mapEmpty() : Future.<Void>succeededFuture();
        })
        .compose(v -> writeLoop(vertx, pool, topic, writer, perTransaction, intervalNanos, writing, written,
            began));
  }

  private static Thread reader(MchConfig config, String topic, Map<String, Long> began, Latencies lag,
      AtomicBoolean reading) {
    Properties p = new Properties();
    p.put("bootstrap.servers", config.kafka().bootstrap());
    p.put("group.id", "perf-" + topic);
    p.put("auto.offset.reset", "earliest");
    KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        new EventDeserializer());
    consumer.subscribe(List.of(topic));
    return new Thread(() -> {
      try (consumer) {
        while (reading.get()) {
          for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(50))) {
            long now = System.nanoTime();
            Long start = began.remove(Events.envelopeOf(record.value()).getEventId());
            if (start != null) {
              lag.recordNanos(now - start);
            }
          }
        }
      }
    }, "perf-outbox-reader");
  }
}
