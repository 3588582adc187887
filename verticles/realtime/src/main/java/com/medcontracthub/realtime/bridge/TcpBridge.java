package com.medcontracthub.realtime.bridge;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

/**
 * The TCP event-bus bridge's framing (each frame a 4-byte big-endian length, then that many bytes of JSON, as
 * {@code vertx-tcp-eventbus-bridge} writes it) around a {@link BridgeSession}, so programs use the same addresses
 * and permissions as browsers. A frame announced larger than the limit closes the connection before it is read.
 */
public final class TcpBridge {

  private TcpBridge() {
  }

  public static void accept(NetSocket socket, BridgeServices services) {
    BridgeSession session = new BridgeSession(services, Wire.TCP, socket, socket::close);
    RecordParser parser = RecordParser.newFixed(4);
    parser.handler(new Handler<>() {
      private boolean header = true;

      @Override
      public void handle(Buffer part) {
        if (header) {
          int length = part.getInt(0);
          if (length <= 0 || length > services.settings.maxFrameBytes()) {
            socket.write(Wire.TCP.error(null, 413, "frame_too_large")).onComplete(written -> socket.close());
            return;
          }
          parser.fixedSizeMode(length);
        } else {
          session.receive(part);
          parser.fixedSizeMode(4);
        }
        header = !header;
      }
    });
    socket.handler(parser);
    socket.closeHandler(v -> session.ended());
    socket.exceptionHandler(e -> session.close());
  }
}
