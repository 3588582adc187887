package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spans waiting for their collector (Kong's {@code queue}): a batch goes when it holds {@code max_batch_size} spans or
 * its first span has waited {@code max_coalescing_delay} seconds. A collector that is down or slow loses spans —
 * beyond {@code max_entries} waiting, or a batch it refused — never requests; losses are logged, at most every 10 s.
 */
final class SpanQueue<T> {

  private static final Logger LOG = LoggerFactory.getLogger(SpanQueue.class);

  private final Vertx vertx;
  private final String plugin;
  private final int maxBatch;
  private final long maxDelayMs;
  private final int maxEntries;
  private final Function<List<T>, Future<?>> export;
  private final Warnings warnings = new Warnings(LOG);
  private List<T> pending = new ArrayList<>();
  private long timer = -1;

  /** @param queue the plugin's {@code queue} record: {@code max_batch_size}, {@code max_coalescing_delay}, {@code max_entries} */
  SpanQueue(Vertx vertx, String plugin, JsonObject queue, Function<List<T>, Future<?>> export) {
    this.vertx = vertx;
    this.plugin = plugin;
    this.maxBatch = queue.getInteger("max_batch_size");
    this.maxDelayMs = (long) (queue.getDouble("max_coalescing_delay") * 1000);
    this.maxEntries = queue.getInteger("max_entries");
    this.export = export;
  }

  /**
   * Adds the fields of a plugin that sends spans to a collector: Kong's timeouts (ms) and the {@code queue} fields
   * that apply here, with the plugin's own defaults.
   */
  static ConfigSchema.Builder collectorFields(ConfigSchema.Builder plugin, long connectTimeoutMs, long batchSize) {
    return plugin
        .integer("connect_timeout", connectTimeoutMs, 1, 600_000)
        .integer("send_timeout", 5_000L, 1, 600_000)
        .integer("read_timeout", 5_000L, 1, 600_000)
        .record("queue", ConfigSchema.builder()
            .integer("max_batch_size", batchSize, 1, 1_000_000)
            .number("max_coalescing_delay", 1.0, 0)
            .integer("max_entries", 10_000L, 1, 1_000_000)
            .build());
  }

  synchronized void add(T span) {
    if (pending.size() >= maxEntries) {
      warnings.warn("{}: a span lost: {} spans already wait for the collector", plugin, pending.size());
      return;
    }
    pending.add(span);
    if (pending.size() >= maxBatch || maxDelayMs == 0) {
      flush();
    } else if (timer < 0) {
      timer = vertx.setTimer(maxDelayMs, id -> flush());
    }
  }

  /** Sends what waits now; the future completes when the collector answered (or the send failed). */
  synchronized Future<Void> flush() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    List<T> batch = pending;
    pending = new ArrayList<>();
    return export.apply(batch)
        .onFailure(e -> warnings.warn("{}: {} spans lost: {}", plugin, batch.size(), e.toString()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }
}
