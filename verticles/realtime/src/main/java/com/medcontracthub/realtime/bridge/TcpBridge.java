package com.medcontracthub.realtime.bridge;

import com.medcontracthub.codecs.bridge.TcpFrames;
import io.vertx.core.net.NetSocket;

/**
 * The TCP event-bus bridge's framing ({@link TcpFrames}) around a {@link BridgeSession}, so programs use the same
 * addresses and permissions as browsers. A frame announced larger than the limit closes the connection before it
 * is read.
 */
public final class TcpBridge {

  private TcpBridge() {
  }

  public static void accept(NetSocket socket, BridgeServices services) {
    BridgeSession session = new BridgeSession(services, Wire.TCP, Outlet.of(socket, socket::close));
    socket.handler(TcpFrames.reader(services.settings.maxFrameBytes(), session::receive,
        length -> socket.write(Wire.TCP.error(null, 413, "frame_too_large")).onComplete(written -> socket.close())));
    socket.closeHandler(v -> session.ended());
    socket.exceptionHandler(e -> session.close());
  }
}
