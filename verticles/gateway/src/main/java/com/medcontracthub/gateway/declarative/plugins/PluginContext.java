package com.medcontracthub.gateway.declarative.plugins;

import com.medcontracthub.gateway.auth.ProductLogins;
import com.medcontracthub.gateway.declarative.GatewaySpec;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.function.Supplier;

/**
 * What plugin instances may use: Vert.x, the product's Redis (made on first use), the file's consumers, the product's
 * logins, and which of the gateway's files declared them ({@code file}: its configuration key, so state shared
 * between gateways — rate-limiting counters — keeps the two files' plugins apart).
 */
public record PluginContext(Vertx vertx, Supplier<Redis> redis, List<GatewaySpec.Consumer> consumers,
    ProductLogins logins, String file) {
}
