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

  private static final byte FINAL_BINARY = (byte) 0x82;

  private final ServerWebSocket socket;
  private final ChannelHandlerContext channel;

  RawWebSocket(ServerWebSocket socket) {
    this.socket = socket;
    this.channel = ((WebSocketInternal) socket).channelHandlerContext();
  }

  /** A final, unmasked binary frame (RFC 6455 §5.2) of the JSON, as a server sends it. */
  static Buffer frame(String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    int length = payload.length;
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    // allocated by the JDK, so the collector frees it: no reference counting across the sockets it is written to
    ByteBuffer frame = ByteBuffer.allocateDirect(header + length).put(FINAL_BINARY);
    if (length < 126) {
      frame.put((byte) length);
    } else if (length <= 0xFFFF) {
      frame.put((byte) 126).putShort((short) length);
    } else {
      frame.put((byte) 127).putLong(length);
    }
    frame.put(payload).flip();
    return BufferInternal.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frame)));
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
