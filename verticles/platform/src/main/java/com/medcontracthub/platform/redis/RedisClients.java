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
    RedisOptions options = new RedisOptions().setConnectionString(config.redis().uri()).setMaxPoolSize(maxPoolSize);
    options.getNetClientOptions().setConnectTimeout((int) config.health().timeoutMs());
    return Redis.createClient(vertx, options);
  }
}
