package com.medcontracthub.gateway.engine;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/**
 * One Redis (embedded-redis, a child process) per test JVM, started on first use on a free port and stopped when the
 * JVM exits: what gateways share rate-limiting counters and cached answers through.
 */
public final class TestRedis {

  private static int port;

  private TestRedis() {
  }

  public static synchronized int port() {
    if (port == 0) {
      int chosen = Ports.free("127.0.0.1");
      try {
        RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(chosen)
            .setting("save \"\"").setting("appendonly no").setting("dir " + System.getProperty("java.io.tmpdir"))
            .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.stop();
          } catch (IOException e) {
            // the JVM is exiting; the child process goes with it
          }
        }, "test-redis-stop"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the test Redis", e);
      }
      port = chosen;
    }
    return port;
  }

  /** A client of the test Redis. */
  public static Redis client(Vertx vertx) {
    return Redis.createClient(vertx, "redis://127.0.0.1:" + port());
  }
}
