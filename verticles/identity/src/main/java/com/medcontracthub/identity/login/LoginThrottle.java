package com.medcontracthub.identity.login;

import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed logins per address in Redis (shared by every JVM) over a fixed window; at the limit, logins for that
 * address are refused until the window ends. A successful login clears the count. While Redis cannot be reached,
 * failures are counted in this JVM instead, so logins go on and the limit still holds, per JVM.
 */
public final class LoginThrottle {

  static final long WINDOW_SECONDS = 15 * 60;
  private static final String PREFIX = "mch:login-failures:";
  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  private final RedisLine redis;
  private final int maxFailures;
  private final LocalCounts local = new LocalCounts();

  public LoginThrottle(RedisLine redis, int maxFailures) {
    this.redis = redis;
    this.maxFailures = maxFailures;
  }

  /** Seconds until the address may try again, or 0 when it may now. */
  public Future<Long> retryAfter(String email) {
    String key = key(email);
    return redis.send(Request.cmd(Command.GET).arg(key)).compose(count -> {
      if (count == null || count.toLong() < maxFailures) {
        return Future.succeededFuture(0L);
      }
      return redis.send(Request.cmd(Command.TTL).arg(key)).map(ttl -> Math.max(1L, ttl.toLong()));
    }).recover(e -> {
      LOG.warn("login throttle: Redis not answering ({}); counting failed logins in this JVM", e.toString());
      return Future.succeededFuture(local.retryAfter(key, maxFailures, System.currentTimeMillis()));
    });
  }

  public Future<Void> recordFailure(String email) {
    String key = key(email);
    return redis.send(Request.cmd(Command.INCR).arg(key)).compose(count -> count.toLong() == 1
        ? redis.send(Request.cmd(Command.EXPIRE).arg(key).arg(WINDOW_SECONDS)).<Void>mapEmpty()
        : Future.<Void>succeededFuture())
        .recover(e -> {
          local.record(key, System.currentTimeMillis());
          return Future.succeededFuture();
        });
  }

  public Future<Void> clear(String email) {
    String key = key(email);
    local.clear(key);
    return redis.send(Request.cmd(Command.DEL).arg(key)).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  private static String key(String email) {
    return PREFIX + email.toLowerCase(Locale.ROOT);
  }

  /** Failure counts per address in this JVM's memory, each for a window from its first failure. */
  private static final class LocalCounts {

    private static final long WINDOW_MS = WINDOW_SECONDS * 1_000;
    /** Past this many addresses, windows that have ended are dropped as a new one starts. */
    private static final int SWEEP_ABOVE = 10_000;

    private record Window(int count, long endsAt) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    long retryAfter(String key, int maxFailures, long now) {
      Window window = windows.get(key);
      if (window == null || window.endsAt() <= now || window.count() < maxFailures) {
        return 0;
      }
      return Math.max(1, (window.endsAt() - now) / 1_000);
    }

    void record(String key, long now) {
      windows.compute(key, (k, w) -> w == null || w.endsAt() <= now ? new Window(1, now + WINDOW_MS)
          : new Window(w.count() + 1, w.endsAt()));
      if (windows.size() > SWEEP_ABOVE) {
        windows.values().removeIf(w -> w.endsAt() <= now);
      }
    }

    void clear(String key) {
      windows.remove(key);
    }
  }
}
