package com.medcontracthub.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;

/**
 * One Redis connection that every call is pipelined on (a pool would hold a connection per call in flight, and runs
 * out under load), made again on the next call after it broke. Each call is bounded by the timeout.
 */
public final class RedisLine {

  private final Redis redis;
  private final long timeoutMs;
  private Future<RedisConnection> connection;

  public RedisLine(Redis redis, long timeoutMs) {
    this.redis = redis;
    this.timeoutMs = timeoutMs;
  }

  public Future<Response> send(Request request) {
    return connection().compose(c -> c.send(request)).timeout(timeoutMs, TimeUnit.MILLISECONDS);
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
}
