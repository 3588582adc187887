package com.medcontracthub.realtime.bridge;

import io.vertx.core.buffer.Buffer;

/** One message fanned out to a room's sockets, its frame built at most once per transport. */
final class Delivery {

  final String room;
  final String seq;
  /** The seq of the push logged just before this one in its room; null when none or unknown. */
  final String prev;
  private final String address;
  private final String body;
  private final Buffer[] frames = new Buffer[Wire.values().length];

  Delivery(String room, String address, String seq, String prev, String body) {
    this.room = room;
    this.address = address;
    this.seq = seq;
    this.prev = prev;
    this.body = body;
  }

  Buffer frame(Wire wire) {
    Buffer frame = frames[wire.ordinal()];
    if (frame == null) {
      frame = wire.message(address, seq, body);
      frames[wire.ordinal()] = frame;
    }
    return frame;
  }
}
