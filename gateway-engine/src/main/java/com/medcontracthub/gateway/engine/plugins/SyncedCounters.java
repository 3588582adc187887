package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate-limiting windows counted in this JVM and synced with Redis every {@code sync_rate} seconds (Kong's
 * {@code sync_rate}): a request costs no Redis round trip, and each sync adds this JVM's new hits to the shared
 * windows it knows and reads back what every gateway counted. The price, as in Kong: between syncs a gateway does not see the
 * others' hits, so together they may admit up to one sync period's worth of requests over the limit. A failed sync
 * keeps its hits for the next one; requests are never held up by Redis.
 */
final class SyncedCounters implements Counters {

  private static final Logger LOG = LoggerFactory.getLogger(SyncedCounters.class);
  /** Windows per script call, so one call stays small however many clients are counted. */
  private static final int PER_CALL = 500;
  /** How long a window this JVM stopped hitting keeps being read back, so its next hit starts from a fresh count. */
  static final long QUIET_SYNC_MS = 60_000;

  /** KEYS: current and previous window of each limit, in pairs; ARGV: hits to add and lifetime in ms, in pairs. */
  private static final RedisScript SYNC = new RedisScript("""
      local out = {}
      for i = 1, #KEYS, 2 do
        local add = tonumber(ARGV[i])
        local count = redis.call('INCRBY', KEYS[i], add)
        if count == add then redis.call('PEXPIRE', KEYS[i], ARGV[i + 1]) end
        out[#out + 1] = count
        out[#out + 1] = tonumber(redis.call('GET', KEYS[i + 1]) or '0')
      end
      return out
      """);

  private static final class Window {
    final String previousKey;
    final long ttlMs;
    final long expiresAt;
    /** Every gateway's count at the last sync, and the previous window's. */
    long synced;
    long previousSynced;
    /** Hits here since the last sync began, and those the running sync is adding. */
    long pending;
    long sending;
    long lastHit;

    Window(String previousKey, long ttlMs, long expiresAt, long previousCount) {
      this.previousKey = previousKey;
      this.ttlMs = ttlMs;
      this.expiresAt = expiresAt;
      this.previousSynced = previousCount;
    }

    long count() {
      return synced + pending + sending;
    }
  }

  private final Vertx vertx;
  private final RedisLine line;
  private final long timer;
  private final Map<String, Window> windows = new HashMap<>();
  private final Warnings warnings = new Warnings(LOG);
  private boolean syncing;

  SyncedCounters(Vertx vertx, Redis redis, long timeoutMs, long syncMs) {
    this.vertx = vertx;
    this.line = new RedisLine(redis, timeoutMs);
    this.timer = vertx.setPeriodic(syncMs, id -> sync());
  }

  @Override
  public synchronized Future<long[][]> hit(List<String> current, List<String> previous, List<Long> ttlMs) {
    long now = System.currentTimeMillis();
    long[][] counts = new long[current.size()][];
    for (int i = 0; i < current.size(); i++) {
      String previousKey = previous.get(i);
      long ttl = ttlMs.get(i);
      Window window = windows.computeIfAbsent(current.get(i), key -> {
        // a window that just began starts from what this JVM knows of the one before, until the next sync
        Window before = windows.get(previousKey);
        return new Window(previousKey, ttl, now + ttl, before == null ? 0 : before.count());
      });
      window.pending++;
      window.lastHit = now;
      counts[i] = new long[] {window.count(), window.previousSynced};
    }
    return Future.succeededFuture(counts);
  }

  /** Adds the hits since the last sync to Redis and reads every window back; one sync at a time. */
  synchronized Future<Void> sync() {
    long now = System.currentTimeMillis();
    windows.values().removeIf(w -> w.expiresAt < now && w.pending == 0 && w.sending == 0);
    // the windows hit here lately, with new hits or not: a quiet one still learns what the other gateways counted
    List<Map.Entry<String, Window>> due = new ArrayList<>();
    windows.entrySet().stream().filter(e -> e.getValue().pending > 0 || now - e.getValue().lastHit < QUIET_SYNC_MS)
        .forEach(due::add);
    if (syncing || due.isEmpty()) {
      return Future.succeededFuture();
    }
    syncing = true;
    List<Future<Void>> calls = new ArrayList<>();
    for (int from = 0; from < due.size(); from += PER_CALL) {
      calls.add(send(due.subList(from, Math.min(due.size(), from + PER_CALL))));
    }
    return Future.join(calls).<Void>mapEmpty().onComplete(done -> {
      synchronized (this) {
        syncing = false;
      }
    });
  }

  private Future<Void> send(List<Map.Entry<String, Window>> batch) {
    List<String> keys = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    for (Map.Entry<String, Window> entry : batch) {
      Window window = entry.getValue();
      window.sending = window.pending;
      window.pending = 0;
      keys.add(entry.getKey());
      keys.add(window.previousKey);
      args.add(window.sending);
      args.add(window.ttlMs);
    }
    return SYNC.run(line, keys, args).transform(ar -> {
      synchronized (this) {
        for (int i = 0; i < batch.size(); i++) {
          Window window = batch.get(i).getValue();
          if (ar.succeeded()) {
            Response counts = ar.result();
            window.synced = counts.get(2 * i).toLong();
            window.previousSynced = counts.get(2 * i + 1).toLong();
          } else {
            window.pending += window.sending;
          }
          window.sending = 0;
        }
      }
      if (ar.failed()) {
        warnings.warn("rate-limiting: sync with Redis failed ({}); counting here until the next one", ar.cause().toString());
      }
      return Future.succeededFuture();
    });
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
    sync();
  }
}
