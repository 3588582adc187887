package com.medcontracthub.gateway.engine.plugins;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.function.Supplier;

/**
 * State one per JVM (per Vert.x), shared by every gateway event loop and kept across reloads: Vert.x's local map keeps
 * a {@link Shareable} by reference, where a field of a plugin instance would be one per event loop.
 */
final class JvmWide {

  private JvmWide() {
  }

  /** The object under {@code key} in the local map {@code map}, made by {@code create} on first use. */
  static <T extends Shareable> T get(Vertx vertx, String map, String key, Supplier<T> create) {
    T fresh = create.get();
    T existing = vertx.sharedData().<String, T>getLocalMap(map).putIfAbsent(key, fresh);
    return existing == null ? fresh : existing;
  }
}
