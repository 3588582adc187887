package com.medcontracthub.codecs.bridge;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;

/**
 * The TCP event-bus bridge's framing, as {@code vertx-tcp-eventbus-bridge} writes it: a 4-byte big-endian length,
 * then that many bytes of UTF-8 JSON. Shared by the server and the programs (and tests) that speak it.
 */
public final class TcpFrames {

  private TcpFrames() {
  }

  public static Buffer frame(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(4 + bytes.length).appendInt(bytes.length).appendBytes(bytes);
  }

  /**
   * A parser to hand a socket's bytes to: each whole frame's JSON goes to {@code frames}. A frame announcing a length
   * outside 1..{@code maxLength} goes to {@code tooLarge} instead, before any of it is read, and parsing stops.
   */
  public static RecordParser reader(int maxLength, Handler<Buffer> frames, Handler<Integer> tooLarge) {
    RecordParser parser = RecordParser.newFixed(4);
    parser.handler(new Handler<>() {
      private boolean header = true;

      @Override
      public void handle(Buffer part) {
        if (header) {
          int length = part.getInt(0);
          if (length <= 0 || length > maxLength) {
            parser.pause();
            tooLarge.handle(length);
            return;
          }
          parser.fixedSizeMode(length);
        } else {
          frames.handle(part);
          parser.fixedSizeMode(4);
        }
        header = !header;
      }
    });
    return parser;
  }
}
