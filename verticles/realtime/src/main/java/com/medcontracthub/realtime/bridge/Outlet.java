package com.medcontracthub.realtime.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/** Where a session's frames go ({@link Wire} built them), and whether the socket is keeping up. */
public interface Outlet {

  boolean full();

  void write(Buffer frame);

  void close();

  /** A Vert.x socket (SockJS, TCP): it frames and writes each buffer itself. */
  static Outlet of(WriteStream<Buffer> stream, Runnable close) {
    return new Outlet() {
      @Override
      public boolean full() {
        return stream.writeQueueFull();
      }

      @Override
      public void write(Buffer frame) {
        stream.write(frame);
      }

      @Override
      public void close() {
        close.run();
      }
    };
  }
}
