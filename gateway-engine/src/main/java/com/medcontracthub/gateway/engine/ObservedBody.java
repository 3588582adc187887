package com.medcontracthub.gateway.engine;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A body passed on as it streams, shown chunk by chunk to an {@link Observer} on the way: one that stops it makes the
 * stream fail (and stop reading) at once — a request body over its limit is cut off early, never read whole — and
 * one that only watches can keep a copy (a response the cache stores).
 */
public final class ObservedBody implements ReadStream<Buffer> {

  public interface Observer {
    /** @return false to stop the stream here, which then fails with {@link #stopped()} */
    boolean chunk(Buffer chunk);

    /** The whole body went by. */
    default void end() {
    }

    String stopped();
  }

  private final ReadStream<Buffer> source;
  private final Observer observer;
  private Handler<Throwable> exceptionHandler;
  private Handler<Void> endHandler;
  private boolean stopped;

  ObservedBody(ReadStream<Buffer> source, Observer observer) {
    this.source = source;
    this.observer = observer;
  }

  /** Whether the observer stopped the body (the reason its request failed). */
  boolean stopped() {
    return stopped;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    exceptionHandler = handler;
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    if (handler == null) {
      source.handler(null);
      return this;
    }
    source.handler(chunk -> {
      if (stopped) {
        return;
      }
      if (!observer.chunk(chunk)) {
        stopped = true;
        source.pause();
        if (exceptionHandler != null) {
          exceptionHandler.handle(new IllegalStateException(observer.stopped()));
        }
        return;
      }
      handler.handle(chunk);
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    source.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    source.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    source.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> handler) {
    endHandler = handler;
    source.endHandler(v -> {
      if (!stopped) {
        observer.end();
      }
      if (endHandler != null) {
        endHandler.handle(v);
      }
    });
    return this;
  }

  /** Stops a body once more than {@code limit} bytes have come. */
  static Observer limit(long limit) {
    return new Observer() {
      private long received;

      @Override
      public boolean chunk(Buffer chunk) {
        received += chunk.length();
        return received <= limit;
      }

      @Override
      public String stopped() {
        return "the body is larger than " + limit + " bytes";
      }
    };
  }
}
