package com.medcontracthub.launcher.cli;

import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.redis.RedisClients;
import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Operator commands that work on the configured Redis: the job queue's, the flags'. */
final class RedisCommands {

  private static final long REDIS_TIMEOUT_MS = 5_000;

  /** What a command does on Redis, and the configuration it was given. */
  interface Operation {
    Future<String> apply(Vertx vertx, RedisLine redis, MchConfig config);
  }

  private RedisCommands() {
  }

  /**
   * Runs an operation that may take up to {@code timeoutS} seconds (and may use timers) and prints what it answers;
   * past that, says so with {@code whyLate}, a question for the operator.
   */
  static int run(ConfigOptions options, long timeoutS, String whyLate, Operation operation) {
    return options.run("embedded", config -> {
      Vertx vertx = Vertx.vertx();
      Redis redis = RedisClients.create(vertx, config);
      try {
        System.out.println(operation.apply(vertx, new RedisLine(redis, REDIS_TIMEOUT_MS), config)
            .toCompletionStage().toCompletableFuture().get(timeoutS, TimeUnit.SECONDS));
        return 0;
      } catch (TimeoutException e) {
        throw new TimeoutException("no answer within " + timeoutS + " s: " + whyLate);
      } finally {
        redis.close();
        vertx.close().await();
      }
    });
  }
}
