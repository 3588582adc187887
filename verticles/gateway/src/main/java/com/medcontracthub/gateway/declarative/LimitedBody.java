package com.medcontracthub.gateway.declarative;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body passed on as it arrives, which fails (and stops reading) as soon as more than the limit has come:
 * a body without a declared length is cut off early, never read whole.
 */
final class LimitedBody implements ReadStream<Buffer> {

  private final ReadStream<Buffer> source;
  private final long limit;
  private long received;
  private Handler<Throwable> exceptionHandler;

  LimitedBody(ReadStream<Buffer> source, long limit) {
    this.source = source;
    this.limit = limit;
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
      received += chunk.length();
      if (received > limit) {
        source.pause();
        source.handler(null);
        if (exceptionHandler != null) {
          exceptionHandler.handle(new IllegalStateException(tooLarge()));
        }
        return;
      }
      handler.handle(chunk);
    });
    return this;
  }

  /** Whether the body passed its limit (the reason the request failed). */
  boolean exceeded() {
    return received > limit;
  }

  String tooLarge() {
    return "the body is larger than " + limit + " bytes";
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
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    source.endHandler(endHandler);
    return this;
  }
}
