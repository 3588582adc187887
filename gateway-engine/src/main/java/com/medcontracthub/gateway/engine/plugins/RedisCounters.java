package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.redis.RedisScript;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Rate-limiting windows in Redis, shared by every gateway JVM ({@code policy: redis} or {@code cluster}): a script
 * increments every window atomically, so N JVMs together admit the limit, not N times it. The hits that arrive in one
 * turn of the event loop go to Redis as one script call (at most {@link #MAX_BATCH} of them), which increments them
 * in their order and answers each its own counts: every request still waits for Redis and is decided on its exact
 * count, at one round trip per turn instead of one per request. The calls are pipelined on one connection
 * ({@link RedisLine}).
 */
final class RedisCounters implements Counters {

  /** KEYS: current and previous window of each limit of each hit, in pairs; ARGV: each current window's lifetime. */
  private static final RedisScript SCRIPT = new RedisScript("""
      local out = {}
      for i = 1, #KEYS, 2 do
        local count = redis.call('INCR', KEYS[i])
        if count == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[(i + 1) / 2]) end
        out[#out + 1] = count
        out[#out + 1] = tonumber(redis.call('GET', KEYS[i + 1]) or '0')
      end
      return out
      """);
  /** Keeps one script call short: Redis runs nothing else meanwhile. */
  static final int MAX_BATCH = 256;

  private record Hit(List<String> current, List<String> previous, List<Long> ttlMs, Promise<long[][]> counts) {
  }

  private final RedisLine line;
  /** The hits of this turn, waiting for its end; null when none is. */
  private List<Hit> batch;

  RedisCounters(Redis redis, long timeoutMs) {
    this.line = new RedisLine(redis, timeoutMs);
  }

  @Override
  public synchronized Future<long[][]> hit(List<String> current, List<String> previous, List<Long> ttlMs) {
    Hit hit = new Hit(current, previous, ttlMs, Promise.promise());
    Context context = Vertx.currentContext();
    if (context == null) {
      send(List.of(hit));
      return hit.counts().future();
    }
    if (batch == null) {
      batch = new ArrayList<>();
      context.runOnContext(v -> flush());
    }
    batch.add(hit);
    if (batch.size() == MAX_BATCH) {
      flush();
    }
    return hit.counts().future();
  }

  private void flush() {
    List<Hit> hits;
    synchronized (this) {
      hits = batch;
      batch = null;
    }
    if (hits != null) {
      send(hits);
    }
  }

  private void send(List<Hit> hits) {
    List<String> keys = new ArrayList<>();
    List<Long> ttls = new ArrayList<>();
    for (Hit hit : hits) {
      for (int i = 0; i < hit.current().size(); i++) {
        keys.add(hit.current().get(i));
        keys.add(hit.previous().get(i));
      }
      ttls.addAll(hit.ttlMs());
    }
    SCRIPT.run(line, keys, ttls).onComplete(answer -> {
      if (answer.failed()) {
        hits.forEach(hit -> hit.counts().fail(answer.cause()));
        return;
      }
      Response response = answer.result();
      int at = 0;
      for (Hit hit : hits) {
        long[][] counts = new long[hit.current().size()][];
        for (int i = 0; i < counts.length; i++, at += 2) {
          counts[i] = new long[] {response.get(at).toLong(), response.get(at + 1).toLong()};
        }
        hit.counts().complete(counts);
      }
    });
  }
}
