package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Rate-limiting windows in Redis, shared by every gateway JVM ({@code policy: redis} or {@code cluster}): one script
 * call per request increments every window atomically, so N JVMs together admit the limit, not N times it. The calls
 * are pipelined on one connection ({@link RedisLine}).
 */
final class RedisCounters implements Counters {

  /** KEYS: current and previous window of each limit, in pairs; ARGV: each current window's lifetime in ms. */
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

  private final RedisLine line;

  RedisCounters(Redis redis, long timeoutMs) {
    this.line = new RedisLine(redis, timeoutMs);
  }

  @Override
  public Future<long[][]> hit(List<String> current, List<String> previous, List<Long> ttlMs) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      keys.add(current.get(i));
      keys.add(previous.get(i));
    }
    return SCRIPT.run(line, keys, ttlMs).map(RedisCounters::counts);
  }

  private static long[][] counts(Response response) {
    long[][] counts = new long[response.size() / 2][];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new long[] {response.get(2 * i).toLong(), response.get(2 * i + 1).toLong()};
    }
    return counts;
  }
}
