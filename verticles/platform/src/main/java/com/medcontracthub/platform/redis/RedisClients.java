package com.medcontracthub.platform.redis;

import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** Redis clients on {@code redis.uri}, connecting within {@code health.timeout-ms}. */
public final class RedisClients {

  private RedisClients() {
  }

  public static Redis create(Vertx vertx, MchConfig config) {
    return create(vertx, config, new RedisOptions().getMaxPoolSize());
  }

  public static Redis create(Vertx vertx, MchConfig config, int maxPoolSize) {
    return Redis.createClient(vertx, options(config).setMaxPoolSize(maxPoolSize));
  }

  /** The options of a client on {@code redis.uri}, for a component that makes its own clients (a job worker). */
  public static RedisOptions options(MchConfig config) {
    RedisOptions options = new RedisOptions().setConnectionString(config.redis().uri());
    options.getNetClientOptions().setConnectTimeout((int) config.health().timeoutMs());
    return options;
  }
}
