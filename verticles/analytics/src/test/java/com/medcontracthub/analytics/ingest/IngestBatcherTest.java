package com.medcontracthub.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.analytics.store.AnalyticsStore;
import com.medcontracthub.analytics.store.DuckDbStore;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.OpportunityChanged;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Batches written to a real DuckDB store, each batch's size recorded on its way. */
@ExtendWith(VertxExtension.class)
@DisplayName("Ingest batches")
class IngestBatcherTest {

  @TempDir
  Path dir;

  private AnalyticsStore store;
  private final List<Integer> batches = new CopyOnWriteArrayList<>();
  private final AtomicInteger writesOut = new AtomicInteger();
  private final AtomicInteger mostWritesOut = new AtomicInteger();

  @BeforeEach
  void open(Vertx vertx) {
    store = DuckDbStore.open(vertx, dir, 10_000).await();
    store.migrate().await();
  }

  private IngestBatcher batcher(Vertx vertx, int size, long delayMs) {
    return new IngestBatcher(vertx, size, delayMs, rows -> {
      batches.add(rows.size());
      mostWritesOut.accumulateAndGet(writesOut.incrementAndGet(), Math::max);
      return store.insert(rows).andThen(ar -> writesOut.decrementAndGet());
    });
  }

  private static List<EventRow> events(int count) {
    return IntStream.range(0, count).mapToObj(i -> EventRow.of(OpportunityChanged.newBuilder()
        .setEnvelope(Events.envelope(OpportunityChanged.class, "test", null, null, "n" + i))
        .setNoticeId("n" + i).setChange("inserted").build())).toList();
  }

  private Future<Long> stored() {
    return store.query("SELECT count(*) AS events FROM events").map(rows -> ((Number) rows.get(0).getValue("events"))
        .longValue());
  }

  @Test
  @DisplayName("write a full batch at once and the rest when its first event has waited the delay")
  void sizeThenDelay(Vertx vertx, VertxTestContext ctx) {
    IngestBatcher batcher = batcher(vertx, 4, 200);
    vertx.runOnContext(v -> Future.all(events(6).stream().map(batcher::add).toList())
        .compose(all -> stored())
        .onComplete(ctx.succeeding(count -> ctx.verify(() -> {
          assertEquals(6L, count);
          assertEquals(List.of(4, 2), batches);
          ctx.completeNow();
        }))));
  }

  @Test
  @DisplayName("gather the events that come while a batch is written into the next one")
  void whileWriting(Vertx vertx, VertxTestContext ctx) {
    IngestBatcher batcher = batcher(vertx, 2, 60_000);
    vertx.runOnContext(v -> {
      List<EventRow> rows = events(3);
      List<Future<Void>> first = rows.subList(0, 2).stream().map(batcher::add).toList();
      List<Future<Void>> during = rows.subList(1, 3).stream().map(batcher::add).toList();
      Future.all(first).compose(all -> Future.all(during)).compose(all -> stored())
          .onComplete(ctx.succeeding(count -> ctx.verify(() -> {
            assertEquals(List.of(2, 2), batches);
            assertEquals(1, mostWritesOut.get(), "one write at a time");
            assertEquals(3L, count, "the event of n1 came twice and is stored once");
            ctx.completeNow();
          })));
    });
  }

  @Test
  @DisplayName("closed, fail the events waiting for a batch at once and end once the write out has ended")
  void closed(Vertx vertx, VertxTestContext ctx) {
    IngestBatcher batcher = batcher(vertx, 2, 60_000);
    vertx.runOnContext(v -> {
      List<EventRow> rows = events(3);
      List<Future<Void>> writing = rows.subList(0, 2).stream().map(batcher::add).toList();
      Future<Void> waiting = batcher.add(rows.get(2));
      batcher.close().compose(closed -> stored()).onComplete(ctx.succeeding(count -> ctx.verify(() -> {
        assertTrue(writing.stream().allMatch(Future::succeeded), "the batch out was stored before the close ended");
        assertTrue(waiting.failed(), "the event waiting for the next batch failed");
        assertTrue(batcher.add(events(1).get(0)).failed(), "an event after the close fails");
        assertEquals(2L, count);
        assertEquals(List.of(2), batches);
        ctx.completeNow();
      })));
    });
  }

  @Test
  @DisplayName("fail every event of a batch the store could not write, so that each is delivered again")
  void failedWrite(Vertx vertx, VertxTestContext ctx) {
    IngestBatcher batcher = batcher(vertx, 3, 60_000);
    store.close().await();
    vertx.runOnContext(v -> {
      List<Future<Void>> added = events(3).stream().map(batcher::add).toList();
      Future.join(added).onComplete(ar -> ctx.verify(() -> {
        assertTrue(added.stream().allMatch(Future::failed), "every event of the batch failed");
        assertEquals(List.of(3), batches);
        ctx.completeNow();
      }));
    });
  }
}
