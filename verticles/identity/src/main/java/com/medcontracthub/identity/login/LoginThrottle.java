package com.medcontracthub.identity.login;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Locale;

/**
 * Counts failed logins per address in Redis (shared by every JVM) over a fixed window; at the limit, logins for that
 * address are refused until the window ends. A successful login clears the count.
 */
public final class LoginThrottle {

  static final long WINDOW_SECONDS = 15 * 60;
  private static final String PREFIX = "mch:login-failures:";

  private final Redis redis;
  private final int maxFailures;

  public LoginThrottle(Redis redis, int maxFailures) {
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
    });
  }

  public Future<Void> recordFailure(String email) {
    String key = key(email);
    return redis.send(Request.cmd(Command.INCR).arg(key)).compose(count -> count.toLong() == 1
        ? redis.send(Request.cmd(Command.EXPIRE).arg(key).arg(WINDOW_SECONDS)).<Void>mapEmpty()
        : Future.<Void>succeededFuture());
  }

  public Future<Response> clear(String email) {
    return redis.send(Request.cmd(Command.DEL).arg(key(email)));
  }

  private static String key(String email) {
    return PREFIX + email.toLowerCase(Locale.ROOT);
  }
}
