package com.medcontracthub.gateway.extensions;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.gateway.GatewayVerticle;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.health.DependencyChecks;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A real upstream HTTP server that answers with what it received, and the product's gateways ({@code GatewayVerticle}
 * against the test infrastructure) started on declarative files in which {@code UPSTREAM} stands for that server's URL.
 */
final class ProductFixture {

  private final Vertx vertx;
  private final Path dir;
  private final int upstreamPort;

  ProductFixture(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
    this.upstreamPort = vertx.createHttpServer().requestHandler(request -> {
      request.body().onSuccess(body -> {
        JsonObject headers = new JsonObject();
        request.headers().forEach((k, v) -> headers.put(k.toLowerCase(), v));
        request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("method", request.method().name()).put("path", request.path()).put("query", request.query())
            .put("headers", headers).put("bodyBytes", body.length()).encode());
      });
    }).listen(0, "127.0.0.1").await().actualPort();
  }

  Path write(Path file, String yaml) {
    try {
      Files.writeString(file, yaml.replace("UPSTREAM", "http://127.0.0.1:" + upstreamPort));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A gateway on a new file with {@code yaml}. */
  Future<GatewayClient> gateway(String yaml) {
    return gateway(write(dir.resolve("gateway-" + System.nanoTime() + ".yaml"), yaml));
  }

  /** A gateway on {@code file}, which it watches. */
  Future<GatewayClient> gateway(Path file) {
    return gateway(Map.of(ConfigKeys.GATEWAY_DECLARATIVE_FILE, file.toString()));
  }

  /** A gateway whose product API file has {@code apiYaml}, and its team file {@code yaml}. */
  Future<GatewayClient> gateway(String apiYaml, String yaml) {
    return gateway(Map.of(
        ConfigKeys.GATEWAY_API_FILE, write(dir.resolve("api-" + System.nanoTime() + ".yaml"), apiYaml).toString(),
        ConfigKeys.GATEWAY_DECLARATIVE_FILE, write(dir.resolve("gateway-" + System.nanoTime() + ".yaml"), yaml).toString()));
  }

  private Future<GatewayClient> gateway(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    settings.forEach((key, value) -> env.put(ConfigKeys.envName(key), value));
    return ConfigLoader.load(vertx, "cluster", Optional.empty(), env, Map.of()).compose(config -> {
      GatewayVerticle gateway = new GatewayVerticle(config, DependencyChecks.create(vertx, config).healthChecks());
      return vertx.deployVerticle(gateway).map(id -> new GatewayClient(vertx, gateway.port()));
    });
  }

  static Future<Void> sequentially(int times, Supplier<Future<?>> step) {
    return times == 0 ? Future.succeededFuture() : step.get().compose(v -> sequentially(times - 1, step));
  }
}
