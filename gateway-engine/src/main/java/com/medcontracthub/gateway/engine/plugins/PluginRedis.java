package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.PluginContext;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** The {@code redis} record of plugins that keep state in Redis (Kong's fields); without a host, the gateway's own Redis. */
final class PluginRedis {

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .string("host", null)
      .integer("port", 6379L, 1, 65_535)
      .string("username", null)
      .string("password", null)
      .integer("database", 0L, 0, 1_000)
      .integer("timeout", 2_000L, 1, 600_000)
      .bool("ssl", false)
      .bool("ssl_verify", false)
      .string("server_name", null)
      .build();

  private PluginRedis() {
  }

  static Redis client(PluginContext context, JsonObject config) {
    if (config.getString("host") == null) {
      return context.redis().get();
    }
    String credentials = config.getString("password") == null ? ""
        : (config.getString("username") == null ? "" : config.getString("username")) + ":" + config.getString("password")
            + "@";
    String uri = (config.getBoolean("ssl") ? "rediss://" : "redis://") + credentials + config.getString("host") + ":"
        + config.getInteger("port") + "/" + config.getInteger("database");
    return Redis.createClient(context.vertx(), new RedisOptions().setConnectionString(uri));
  }
}
