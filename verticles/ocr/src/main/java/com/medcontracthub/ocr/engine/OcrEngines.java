package com.medcontracthub.ocr.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A pool of Tesseract engines, one per thread of a worker pool of {@code size} threads: an engine is not
 * thread-safe (two threads on one crash the JVM), so each thread makes its own on first use and keeps it. Work given
 * beyond the pool's threads waits in the executor's queue; callers bound how much they give.
 */
public final class OcrEngines {

  private final WorkerExecutor executor;
  private final Queue<TesseractEngine> made = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<TesseractEngine> engine;
  private final AtomicInteger running = new AtomicInteger();
  private final Promise<Void> idle = Promise.promise();
  private volatile boolean closing;

  /** Work given to engines that are closing (the JVM shuts down): it was not begun, so another JVM may take it. */
  public static final class Closing extends IllegalStateException {
    public Closing() {
      super("the OCR engines are closing");
    }
  }

  /** @param maxRunMs the longest one piece of work may run before Vert.x warns of it (a whole document) */
  public OcrEngines(Vertx vertx, String name, int size, Path tessdata, long maxRunMs) {
    this.executor = vertx.createSharedWorkerExecutor(name, size, maxRunMs, TimeUnit.MILLISECONDS);
    this.engine = ThreadLocal.withInitial(() -> {
      TesseractEngine created = new TesseractEngine(tessdata);
      made.add(created);
      return created;
    });
  }

  /** Whether work is still taken: not once the pool is closing. */
  public boolean accepting() {
    return !closing;
  }

  /** Runs {@code work} on one of the pool's threads with that thread's engine. */
  public <T> Future<T> run(Function<TesseractEngine, T> work) {
    if (closing) {
      return Future.failedFuture(new Closing());
    }
    running.incrementAndGet();
    return executor.<T>executeBlocking(() -> work.apply(engine.get()), false).andThen(done -> {
      if (running.decrementAndGet() == 0 && closing) {
        idle.tryComplete();
      }
    });
  }

  /** Takes no more work, waits for what runs, then frees the engines (native memory) and the threads. */
  public Future<Void> close() {
    closing = true;
    if (running.get() == 0) {
      idle.tryComplete();
    }
    return idle.future().andThen(v -> {
      for (TesseractEngine each = made.poll(); each != null; each = made.poll()) {
        each.close();
      }
    }).compose(v -> executor.close());
  }
}
