package com.medcontracthub.analytics.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Gathers events into batches for the store: a batch is written when it holds {@code size} events or its first has
 * waited {@code delayMs} (more while the write before it is still out), one write at a time. Each event's future completes with its batch's write, so the Kafka
 * bridge commits an offset only once the events before it are stored; a failed write fails them all, and the bridge
 * delivers them again. Events that come while a write is out wait for the next batch: the bridge's in-flight limit is
 * what bounds them. Used on one event loop.
 */
public final class IngestBatcher {

  private static final String STOPPING = "the analytics service is stopping; the event comes again";

  private final Vertx vertx;
  private final int size;
  private final long delayMs;
  private final Function<List<EventRow>, Future<Void>> write;
  private List<Waiting> open = new ArrayList<>();
  private long timer = -1;
  private boolean writing;
  private boolean closed;
  /** The write out, or the last one. */
  private Future<Void> written = Future.succeededFuture();

  public IngestBatcher(Vertx vertx, int size, long delayMs, Function<List<EventRow>, Future<Void>> write) {
    this.vertx = vertx;
    this.size = size;
    this.delayMs = delayMs;
    this.write = write;
  }

  /** Completes once the event is stored (or fails with its batch's write). */
  public Future<Void> add(EventRow row) {
    if (closed) {
      return Future.failedFuture(STOPPING);
    }
    Promise<Void> stored = Promise.promise();
    open.add(new Waiting(row, stored));
    schedule();
    return stored.future();
  }

  private void schedule() {
    if (open.size() >= size) {
      flush();
    } else if (!open.isEmpty() && timer < 0) {
      timer = vertx.setTimer(delayMs, id -> {
        timer = -1;
        flush();
      });
    }
  }

  private void flush() {
    if (writing || open.isEmpty()) {
      return; // the write out schedules the next batch when it ends
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    List<Waiting> batch = open;
    open = new ArrayList<>();
    writing = true;
    try {
      written = write.apply(batch.stream().map(Waiting::row).toList());
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written.onComplete(ar -> {
      writing = false;
      batch.forEach(waiting -> waiting.stored().handle(ar));
      if (!closed) {
        schedule();
      }
    });
  }

  /**
   * Stops taking events: those waiting for a batch fail at once (Kafka delivers them again, to this JVM once it runs
   * again or to another), and the future completes when the write out, if any, has ended, so the store can close.
   */
  public Future<Void> close() {
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    open.forEach(waiting -> waiting.stored().fail(STOPPING));
    open = new ArrayList<>();
    return written.transform(ar -> Future.succeededFuture());
  }

  private record Waiting(EventRow row, Promise<Void> stored) {
  }
}
