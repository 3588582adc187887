package com.medcontracthub.realtime.bridge;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.http.WebSocketInternal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The raw WebSocket transport's outlet, writing frames that {@link Wire#WEBSOCKET} encoded whole: a message fanned
 * out to a room is framed once, in a direct buffer, and the same bytes go to every socket's channel. Vert.x would
 * frame each write again (a frame object, a slice, a copy into a pooled direct buffer, promises): in
 * RealtimeBenchmark that was about three quarters of the server's allocation, and so of its young collections.
 * It uses Vert.x's internal {@link WebSocketInternal#channelHandlerContext()}; Vert.x still writes its own control
 * frames (pong, close) on the same channel, whole frames between ours. The frames are not compressed.
 */
final class RawWebSocket implements Outlet {

  /** The largest fragment whose length fits the two-byte form. */
  static final int MAX_FRAGMENT = 0xFFFF;
  private static final int FIN = 0x80;
  private static final int BINARY = 0x2;
  private static final int CONTINUATION = 0x0;

  private final ServerWebSocket socket;
  private final ChannelHandlerContext channel;

  RawWebSocket(ServerWebSocket socket) {
    this.socket = socket;
    this.channel = ((WebSocketInternal) socket).channelHandlerContext();
  }

  /**
   * The JSON as one binary message of unmasked frames (RFC 6455 §5.2), as a server sends it: in fragments of at most
   * {@value #MAX_FRAGMENT} bytes, which every client accepts (Vert.x's refuses larger frames by default).
   */
  static Buffer frame(String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    int fragments = Math.max(1, (payload.length + MAX_FRAGMENT - 1) / MAX_FRAGMENT);
    // allocated by the JDK, so the collector frees it: no reference counting across the sockets it is written to
    ByteBuffer frames = ByteBuffer.allocateDirect(payload.length + fragments * 4);
    for (int i = 0; i < fragments; i++) {
      int from = i * MAX_FRAGMENT;
      int length = Math.min(MAX_FRAGMENT, payload.length - from);
      frames.put((byte) ((i == fragments - 1 ? FIN : 0) | (i == 0 ? BINARY : CONTINUATION)));
      if (length < 126) {
        frames.put((byte) length);
      } else {
        frames.put((byte) 126).putShort((short) length);
      }
      frames.put(payload, from, length);
    }
    frames.flip();
    return BufferInternal.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frames)));
  }

  @Override
  public boolean full() {
    return !channel.channel().isWritable();
  }

  @Override
  public void write(Buffer frame) {
    channel.writeAndFlush(((BufferInternal) frame).getByteBuf(), channel.voidPromise());
  }

  @Override
  public void close() {
    socket.close();
  }
}
