package com.medcontracthub.realtime.bridge;

import com.medcontracthub.codecs.bridge.TcpFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;

/**
 * How a bridge frame is written on each transport: the SockJS bridge's JSON ({@code "rec"} messages; on the raw
 * WebSocket already in its WebSocket frame) or the TCP bridge's length-prefixed JSON ({@code "message"}), so the
 * stock clients of both understand it. Message frames are
 * built from the already encoded body: a message fanned out to a room is encoded once per transport, not per socket.
 */
public enum Wire {

  SOCKJS("rec") {
    @Override
    Buffer frame(String json) {
      return Buffer.buffer(json);
    }
  },
  /** The SockJS bridge's JSON as whole WebSocket frames, for {@link RawWebSocket}. */
  WEBSOCKET("rec") {
    @Override
    Buffer frame(String json) {
      return RawWebSocket.frame(json);
    }
  },
  TCP("message") {
    @Override
    Buffer frame(String json) {
      return TcpFrames.frame(json);
    }
  };

  private final String messageType;

  Wire(String messageType) {
    this.messageType = messageType;
  }

  abstract Buffer frame(String json);

  /** A message on {@code address}; {@code seq} (its place in the room's recovery log) may be null, as for replies. */
  Buffer message(String address, String seq, String encodedBody) {
    StringBuilder json = new StringBuilder(64 + encodedBody.length()).append("{\"type\":\"").append(messageType)
        .append("\",\"address\":").append(Json.encode(address));
    if (seq != null) {
      json.append(",\"headers\":{\"seq\":\"").append(seq).append("\"}");
    }
    return frame(json.append(",\"body\":").append(encodedBody).append('}').toString());
  }

  /**
   * A refusal or failure. With an address, the stock clients hand it to that address's handler or reply callback;
   * {@code body} repeats the reason for clients that read the SockJS bridge's {@code {"type":"err","body":…}}.
   */
  Buffer error(String address, int code, String reason) {
    StringBuilder json = new StringBuilder("{\"type\":\"err\"");
    if (address != null) {
      json.append(",\"address\":").append(Json.encode(address));
    }
    return frame(json.append(",\"failureCode\":").append(code).append(",\"failureType\":\"RECIPIENT_FAILURE\"")
        .append(",\"message\":").append(Json.encode(reason)).append(",\"body\":").append(Json.encode(reason))
        .append('}').toString());
  }

  /** The TCP bridge answers pings; the SockJS bridge does not. */
  Buffer pong() {
    return this == TCP ? frame("{\"type\":\"pong\"}") : null;
  }
}
