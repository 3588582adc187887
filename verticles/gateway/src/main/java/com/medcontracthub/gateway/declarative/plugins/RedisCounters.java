package com.medcontracthub.gateway.declarative.plugins;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Rate-limiting windows in Redis, shared by every gateway JVM ({@code policy: redis} or {@code cluster}): one script
 * call per request increments every window atomically, so N JVMs together admit the limit, not N times it. The calls
 * are pipelined on one connection of their own (a pool would hold a connection per call in flight), which is made
 * again on the next call after it fails.
 */
final class RedisCounters implements Counters {

  /** KEYS: current and previous window of each limit, in pairs; ARGV: each current window's lifetime in ms. */
  private static final String SCRIPT = """
      local out = {}
      for i = 1, #KEYS, 2 do
        local count = redis.call('INCR', KEYS[i])
        if count == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[(i + 1) / 2]) end
        out[#out + 1] = count
        out[#out + 1] = tonumber(redis.call('GET', KEYS[i + 1]) or '0')
      end
      return out
      """;
  private static final String SCRIPT_SHA1 = sha1(SCRIPT);

  private final Redis redis;
  private final long timeoutMs;
  private Future<RedisConnection> connection;

  RedisCounters(Redis redis, long timeoutMs) {
    this.redis = redis;
    this.timeoutMs = timeoutMs;
  }

  private synchronized Future<RedisConnection> connection() {
    if (connection == null || connection.failed()) {
      Future<RedisConnection> connecting = redis.connect();
      connection = connecting.onSuccess(c -> c.exceptionHandler(e -> forget(connecting)).endHandler(v -> forget(connecting)));
    }
    return connection;
  }

  private synchronized void forget(Future<RedisConnection> broken) {
    if (connection == broken) {
      connection = null;
    }
  }

  @Override
  public Future<long[][]> hit(List<String> current, List<String> previous, List<Long> ttlMs) {
    return run(Command.EVALSHA, SCRIPT_SHA1, current, previous, ttlMs)
        .recover(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT")
            ? run(Command.EVAL, SCRIPT, current, previous, ttlMs) : Future.failedFuture(e))
        .map(RedisCounters::counts);
  }

  /** By its digest (Redis keeps the script after its first EVAL), or whole. */
  private Future<Response> run(Command command, String script, List<String> current, List<String> previous,
      List<Long> ttlMs) {
    Request request = Request.cmd(command).arg(script).arg(current.size() * 2);
    for (int i = 0; i < current.size(); i++) {
      request.arg(current.get(i)).arg(previous.get(i));
    }
    ttlMs.forEach(request::arg);
    return connection().compose(c -> c.send(request)).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  private static long[][] counts(Response response) {
    long[][] counts = new long[response.size() / 2][];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new long[] {response.get(2 * i).toLong(), response.get(2 * i + 1).toLong()};
    }
    return counts;
  }
}
