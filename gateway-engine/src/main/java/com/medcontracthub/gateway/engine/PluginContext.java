package com.medcontracthub.gateway.engine;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.function.Supplier;

/**
 * What plugin instances may use: Vert.x, the Redis the gateway was given (made on first use; plugins whose
 * {@code redis} names no host share it), the file's consumers, and which of the gateway's files declared them
 * ({@code file}: a key naming the file, so state shared between gateways — rate-limiting counters — keeps two files'
 * plugins apart).
 */
public record PluginContext(Vertx vertx, Supplier<Redis> redis, List<GatewaySpec.Consumer> consumers, String file) {
}
