package com.medcontracthub.platform.outbox;

import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.kafka.KafkaClientProperties;
import com.medcontracthub.platform.metrics.Meters;
import com.medcontracthub.platform.tracing.KafkaSpans;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to Kafka: woken by PostgreSQL NOTIFY when a writer commits, and by a poll every second in
 * case a notification was missed. Each drain takes the cluster-wide relay lock, sends the oldest unpublished rows
 * in order (idempotent producer, keyed by aggregate id, the Avro event as value, envelope fields as headers, each in
 * a producer span continuing the trace of the write that stored it), waits
 * for every ack, then marks them published, all in one transaction: a crash before the mark publishes them again,
 * never loses them.
 */
public final class OutboxRelayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayVerticle.class);
  private static final int BATCH = 500;
  private static final long POLL_MS = 1_000;
  private static final String PRODUCER = "mch-outbox-relay";

  private final MchConfig config;
  private Pool pool;
  private PgSubscriber subscriber;
  private KafkaProducer<String, Buffer> producer;
  private boolean draining;
  private boolean stopping;
  private boolean again;
  private long timer;
  private long gauges;

  public OutboxRelayVerticle(MchConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    PgConnectOptions connect = PgConnectOptions.fromUri(config.postgres().uri());
    // one connection drains, the other reads the gauges, which a drain waiting on Kafka must not hold up
    pool = PgPools.create(vertx, config, 2, PgPools.ACQUIRE_TIMEOUT_MS);
    producer = KafkaProducer.createShared(vertx, PRODUCER,
        KafkaClientProperties.tracedByTheProduct(KafkaClientProperties.producer(config), true));
    subscriber = PgSubscriber.subscriber(vertx, connect).reconnectPolicy(attempt -> Math.min(10_000L, 500L * (attempt + 1)));
    subscriber.channel(OutboxSql.CHANNEL).handler(payload -> drain());
    timer = vertx.setPeriodic(POLL_MS, id -> drain());
    gauges = OutboxGauges.start(vertx, pool, Meters.registry());
    return subscriber.connect().onSuccess(v -> drain());
  }

  private void drain() {
    if (stopping) {
      return;
    }
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    pool.withTransaction(this::publishBatch).onComplete(ar -> {
      draining = false;
      if (ar.failed()) {
        // a drain cut short by the stop is taken up by the next relay; any other failure waits for the next signal
        if (!stopping) {
          LOG.warn("outbox relay: {}; retrying on the next notification or poll", ar.cause().toString());
        }
      } else if (ar.result() == BATCH || again) {
        again = false;
        drain();
      }
    });
  }

  /** @return how many rows this drain published (0 when another relay holds the lock) */
  private Future<Integer> publishBatch(SqlConnection conn) {
    return conn.query(OutboxSql.RELAY_LOCK).execute().compose(lock -> {
      if (!lock.iterator().next().getBoolean("locked")) {
        return Future.succeededFuture(0);
      }
      return conn.preparedQuery(OutboxSql.NEXT_BATCH).execute(Tuple.of(BATCH)).compose(rows -> send(rows)
          .compose(ids -> ids.length == 0 ? Future.succeededFuture(0)
              : conn.preparedQuery(OutboxSql.MARK_PUBLISHED).execute(Tuple.of((Object) ids)).map(ids.length)));
    });
  }

  private Future<Long[]> send(RowSet<Row> rows) {
    List<Future<?>> acks = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (Row row : rows) {
      String topic = row.getString("topic");
      KafkaProducerRecord<String, Buffer> record = KafkaProducerRecord.create(topic, row.getString("record_key"),
          row.getBuffer("value"));
      JsonObject headers = row.getJsonObject("headers");
      Span span = KafkaSpans.publish(topic, headers);
      headers.forEach(header -> record.addHeader(header.getKey(), (String) header.getValue()));
      acks.add(producer.send(record).andThen(sent -> KafkaSpans.end(span, sent)));
      ids.add(row.getLong("id"));
    }
    return Future.all(acks).map(v -> ids.toArray(Long[]::new));
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    vertx.cancelTimer(gauges);
    return Future.join(subscriber.close(), producer.flush().eventually(producer::close), pool.close());
  }
}
