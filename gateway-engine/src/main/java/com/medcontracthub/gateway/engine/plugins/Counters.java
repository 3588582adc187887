package com.medcontracthub.gateway.engine.plugins;

import io.vertx.core.Future;
import java.util.List;

/** Where rate-limiting counts: in this JVM, or in Redis, shared by every gateway. */
interface Counters {

  /**
   * Adds one to each window of {@code current} (created with a lifetime of {@code ttlMs}) and reads its predecessor
   * in {@code previous}.
   *
   * @return for each window, its count after this request and its predecessor's final count
   */
  Future<long[][]> hit(List<String> current, List<String> previous, List<Long> ttlMs);

  /** The plugin instance is gone (a reload replaced it). */
  default void close() {
  }
}
