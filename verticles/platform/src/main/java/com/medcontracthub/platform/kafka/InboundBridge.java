package com.medcontracthub.platform.kafka;

import com.medcontracthub.codecs.Headers;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.platform.config.InboundMapping;
import com.medcontracthub.platform.metrics.Meters;
import com.medcontracthub.platform.tracing.KafkaSpans;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the records of one topic onto one event-bus address, at least once.
 *
 * <p>At most {@code in-flight} records are out at a time: a record answered frees its place for the next one at once,
 * so one slow record does not hold back the others (nor, in a slow handler, idle its other workers). Records are
 * polled when there is room, and at most one poll's worth waits its turn; a full bridge does not poll, which is the
 * backpressure. Per partition the bridge commits the offset after the unbroken run of successes. At a failure it seeks
 * back to that record and pauses the partition for a jittered back-off, so the record comes again; records after it,
 * answered or not, come again too (consumers dedupe by event id).
 */
final class InboundBridge {

  private static final Logger LOG = LoggerFactory.getLogger(InboundBridge.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  /**
   * A failed partition waits 250–750 ms, twice as long at each failure in a row up to 4–12 s (a handler refusing
   * for a while, a service switched off), and jitter keeps bridges on several JVMs from retrying in step.
   */
  private static final long RETRY_BACKOFF_MS = 500;
  private static final int MAX_BACKOFF_DOUBLINGS = 4;

  private final Vertx vertx;
  private final InboundMapping mapping;
  private final KafkaConsumer<String, Buffer> consumer;
  /** The consumer's own metrics on /metrics, its lag per partition among them (what autoscaling on lag reads). */
  private KafkaClientMetrics metrics;
  /** The partitions this consumer holds, as far as it has taken records of them. */
  private final Map<TopicPartition, PartitionRun> runs = new HashMap<>();
  /** Polled records waiting for room, in the order they came. */
  private final ArrayDeque<KafkaConsumerRecord<String, Buffer>> waiting = new ArrayDeque<>();
  private final Promise<Void> stopped = Promise.promise();
  private int inFlight;
  private boolean running;
  private boolean polling;
  private boolean pumping;
  private boolean pumpAgain;

  InboundBridge(Vertx vertx, InboundMapping mapping, Map<String, String> consumerProperties) {
    this.vertx = vertx;
    this.mapping = mapping;
    this.consumer = KafkaConsumer.create(vertx, KafkaClientProperties.tracedByTheProduct(consumerProperties, false));
  }

  Future<Void> start() {
    // records of a partition given to another consumer are that consumer's now: whatever is out is not committed here
    consumer.partitionsRevokedHandler(revoked -> revoked.forEach(tp -> {
      runs.remove(tp);
      waiting.removeIf(record -> partitionOf(record).equals(tp));
    }));
    return consumer.subscribe(mapping.topic()).onSuccess(v -> {
      metrics = new KafkaClientMetrics(consumer.unwrap(), List.of(Tag.of("group", mapping.group())));
      metrics.bindTo(Meters.registry());
      running = true;
      pump();
    });
  }

  /**
   * Sends waiting records while there is room, then seeks back failed partitions and commits what succeeded, then
   * polls when nothing waits. Runs again after every answer and every poll; re-entered, it runs once more instead.
   */
  private void pump() {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        while (!waiting.isEmpty() && inFlight < mapping.inFlight()) {
          send(waiting.poll());
        }
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
    if (polling) {
      return; // the poll's end pumps again: a seek issued now would not apply to the records it brings
    }
    Future<Void> upkeep = rewindAndCommit();
    // a poll before a seek has moved the partition would fetch past its failed record (the seek reaches the consumer's
    // thread an event-loop turn late); the seek's end pumps again
    boolean rewinding = runs.values().stream().anyMatch(run -> run.rewindTo >= 0);
    if (running && !rewinding && waiting.isEmpty() && inFlight < mapping.inFlight()) {
      polling = true;
      upkeep.compose(v -> consumer.poll(POLL_TIMEOUT)).onComplete(ar -> {
        polling = false;
        if (ar.succeeded()) {
          accept(ar.result());
        } else {
          LOG.warn("bridge {} -> {}: {}; polling again", mapping.topic(), mapping.address(), ar.cause().toString());
        }
        pump();
      });
    } else if (!running && inFlight == 0) {
      upkeep.onComplete(ar -> stopped.tryComplete());
    }
  }

  private void accept(KafkaConsumerRecords<String, Buffer> records) {
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, Buffer> record = records.recordAt(i);
      PartitionRun run = runs.computeIfAbsent(partitionOf(record), tp -> new PartitionRun());
      // a partition that failed while this poll was out goes back to its failed record; what came after it is dropped
      if (running && run.rewindTo < 0) {
        waiting.add(record);
      }
    }
  }

  private void send(KafkaConsumerRecord<String, Buffer> record) {
    PartitionRun run = runs.get(partitionOf(record));
    if (run == null || run.rewindTo >= 0) {
      return;
    }
    OutRecord out = new OutRecord(record.offset());
    run.out.add(out);
    inFlight++;
    Future<?> delivered;
    try {
      delivered = deliver(record);
    } catch (RuntimeException e) {
      delivered = Future.failedFuture(e);
    }
    delivered.onComplete(ar -> {
      inFlight--;
      settle(record, run, out, ar.succeeded() ? null : ar.cause());
      pump();
    });
  }

  private void settle(KafkaConsumerRecord<String, Buffer> record, PartitionRun run, OutRecord out, Throwable failure) {
    if (out.abandoned || runs.get(partitionOf(record)) != run) {
      return;
    }
    if (failure == null) {
      out.succeeded = true;
      while (!run.out.isEmpty() && run.out.peekFirst().succeeded) {
        run.commitAt = run.out.pollFirst().offset + 1;
      }
      // a later record answered first proves nothing: only the failed one's success ends the run of failures
      if (run.commitAt > run.failedAt) {
        run.failuresInARow = 0;
      }
      return;
    }
    // a record refused for a while (a service switched off) is told at its first failure and every tenth
    if (run.failuresInARow % 10 == 0) {
      LOG.warn("bridge {} -> {}: record {}-{}@{} not handled ({}; {} times in a row); it will be redelivered",
          mapping.topic(), mapping.address(), record.topic(), record.partition(), record.offset(), failure.getMessage(),
          run.failuresInARow + 1);
    }
    run.failedAt = Math.max(run.failedAt, out.offset);
    while (!run.out.isEmpty() && run.out.peekLast().offset >= out.offset) {
      run.out.pollLast().abandoned = true;
    }
    run.rewindTo = run.rewindTo < 0 ? out.offset : Math.min(run.rewindTo, out.offset);
    TopicPartition tp = partitionOf(record);
    waiting.removeIf(r -> partitionOf(r).equals(tp));
  }

  /** Seeks each failed partition back to its failed record and pauses it a while; commits what succeeded. */
  private Future<Void> rewindAndCommit() {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    List<Future<?>> work = new ArrayList<>();
    Map<TopicPartition, PartitionRun> committing = new HashMap<>();
    runs.forEach((tp, run) -> {
      if (run.commitAt > Math.max(run.committed, run.committing)) {
        commits.put(tp, new OffsetAndMetadata(run.commitAt, ""));
        run.committing = run.commitAt;
        committing.put(tp, run);
      }
      if (run.rewindTo >= 0 && !run.seeking) {
        work.add(rewind(tp, run));
      }
    });
    if (!commits.isEmpty()) {
      work.add(consumer.commit(commits).andThen(ar -> committing.forEach((tp, run) -> {
        if (ar.succeeded()) {
          run.committed = Math.max(run.committed, commits.get(tp).getOffset());
        } else {
          run.committing = run.committed; // committed again at the next upkeep
        }
      })).onFailure(e -> LOG.warn("bridge {} -> {}: commit failed ({}); it is tried again", mapping.topic(),
          mapping.address(), e.toString())));
    }
    return Future.join(work).transform(ar -> Future.succeededFuture());
  }

  /**
   * Seeks a failed partition back to its failed record and pauses it for a back-off. Its records stay dropped until
   * both are done; a record before it that fails meanwhile sends it back further, at the next upkeep.
   */
  private Future<Void> rewind(TopicPartition tp, PartitionRun run) {
    long offset = run.rewindTo;
    long base = RETRY_BACKOFF_MS << Math.min(run.failuresInARow++, MAX_BACKOFF_DOUBLINGS);
    long backoff = base / 2 + ThreadLocalRandom.current().nextLong(base);
    int pause = ++run.pauses;
    run.seeking = true;
    return consumer.seek(tp, offset)
        .compose(v -> consumer.pause(tp))
        .onSuccess(v -> vertx.setTimer(backoff, id -> {
          // a later failure's pause has its own timer
          if (running && runs.get(tp) == run && run.pauses == pause) {
            consumer.resume(tp);
          }
        }))
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.warn("bridge {} -> {}: seek back to {}-{}@{} failed ({}); tried again after a back-off", mapping.topic(),
                mapping.address(), tp.getTopic(), tp.getPartition(), offset, ar.cause().toString());
            vertx.setTimer(backoff, id -> {
              run.seeking = false;
              pump();
            });
            return;
          }
          run.seeking = false;
          if (run.rewindTo == offset) {
            run.rewindTo = -1;
          }
          pump();
        });
  }

  private Future<?> deliver(KafkaConsumerRecord<String, Buffer> record) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(mapping.timeoutMs())
        .setLocalOnly(mapping.service() != null);
    Object value;
    try {
      for (KafkaHeader header : record.headers()) {
        // the record's trace goes on in the consumer span's context, which the event bus hands on itself
        if (!KafkaSpans.FIELDS.contains(header.key())) {
          options.addHeader(header.key(), header.value().toString());
        }
      }
      if (record.key() != null) {
        options.addHeader(Headers.KAFKA_KEY, record.key());
      }
      options.addHeader(Headers.KAFKA_TOPIC, record.topic())
          .addHeader(Headers.KAFKA_PARTITION, String.valueOf(record.partition()))
          .addHeader(Headers.KAFKA_OFFSET, String.valueOf(record.offset()));
      value = body(record);
    } catch (RuntimeException e) {
      // No build can read it, so redelivery would stop the partition for good: it is logged and passed over.
      LOG.error("bridge {} -> {}: record {}-{}@{} skipped, unreadable: {}", mapping.topic(), mapping.address(),
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return Future.succeededFuture();
    }
    return KafkaSpans.process(record, mapping.group(), () -> {
      if (mapping.delivery() == InboundMapping.Delivery.PUBLISH) {
        vertx.eventBus().publish(mapping.address(), value, options);
        return Future.succeededFuture();
      }
      return vertx.eventBus().request(mapping.address(), value, options);
    });
  }

  private Object body(KafkaConsumerRecord<String, Buffer> record) {
    Buffer value = record.value() == null ? Buffer.buffer() : record.value();
    return mapping.format() == InboundMapping.Format.AVRO ? Events.decode(value.getBytes()) : value;
  }

  private static TopicPartition partitionOf(KafkaConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  /** Stops polling, drops what waits, lets the records out settle and commits them, then leaves the group. */
  Future<Void> stop() {
    if (metrics != null) {
      metrics.close();
    }
    if (!running) {
      return consumer.close();
    }
    running = false;
    waiting.clear();
    pump();
    return stopped.future().eventually(consumer::close);
  }

  /** A partition's records out, in offset order, and how far it has succeeded without a gap. */
  private static final class PartitionRun {
    final ArrayDeque<OutRecord> out = new ArrayDeque<>();
    long commitAt = -1;
    long committed = -1;
    /** The offset of a commit sent and not yet answered (or {@link #committed}). */
    long committing = -1;
    /** The offset to seek back to, or -1: its records are dropped until the seek is done. */
    long rewindTo = -1;
    boolean seeking;
    /** Pauses for back-off so far: a timer resumes the partition only if no later pause came. */
    int pauses;
    /** Back-offs since the records that failed last succeeded: each waits twice as long as the one before, to a bound. */
    int failuresInARow;
    /** The offset of the latest record that failed, or -1. */
    long failedAt = -1;
  }

  /** A record delivered and not yet part of the committed run. */
  private static final class OutRecord {
    final long offset;
    boolean succeeded;
    /** Its partition went back to it or an earlier record: its answer no longer counts. */
    boolean abandoned;

    OutRecord(long offset) {
      this.offset = offset;
    }
  }
}
