package com.medcontracthub.codecs.avro;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Carries one event type between clustered JVMs in its Avro single-object form; inside one JVM the receiver gets
 * a copy, since generated records are mutable.
 */
public final class EventCodec<T extends SpecificRecord> implements MessageCodec<T, T> {

  private final Class<T> type;

  EventCodec(Class<T> type) {
    this.type = type;
  }

  /** Makes every event type a default codec of {@code vertx}'s event bus; every JVM of a cluster needs it. */
  public static void registerAll(Vertx vertx) {
    for (Class<? extends SpecificRecord> type : EventTypes.ALL) {
      register(vertx, type);
    }
  }

  private static <T extends SpecificRecord> void register(Vertx vertx, Class<T> type) {
    vertx.eventBus().registerDefaultCodec(type, new EventCodec<>(type));
  }

  @Override
  public void encodeToWire(Buffer buffer, T event) {
    byte[] bytes = Events.encode(event);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return type.cast(Events.decode(buffer.getBytes(pos + 4, pos + 4 + length)));
  }

  @Override
  public T transform(T event) {
    return SpecificData.get().deepCopy(event.getSchema(), event);
  }

  @Override
  public String name() {
    return "mch.avro." + type.getName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
