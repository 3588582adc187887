package com.medcontracthub.gateway.extensions;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.gateway.GatewayVerticle;
import com.medcontracthub.gateway.engine.GatewayFixture;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.health.DependencyChecks;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's fixture's real upstream HTTP server, which answers with what it received, and the product's gateways
 * ({@code GatewayVerticle} against the test infrastructure) started on declarative files in which {@code UPSTREAM} stands
 * for that server's URL.
 */
final class ProductFixture {

  private final Vertx vertx;
  /** The upstream and the files; its own gateways (the engine alone) are not started here. */
  private final GatewayFixture engine;

  ProductFixture(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.engine = new GatewayFixture(vertx, dir);
  }

  /** A gateway on a new file with {@code yaml}. */
  Future<GatewayClient> gateway(String yaml) {
    return gateway(engine.write("gateway", yaml));
  }

  /** A gateway on {@code file}, which it watches. */
  Future<GatewayClient> gateway(Path file) {
    return gateway(Map.of(ConfigKeys.GATEWAY_DECLARATIVE_FILE, file.toString()));
  }

  /** A gateway whose product API file has {@code apiYaml}, and its team file {@code yaml}. */
  Future<GatewayClient> gateway(String apiYaml, String yaml) {
    return gateway(Map.of(
        ConfigKeys.GATEWAY_API_FILE, engine.write("api", apiYaml).toString(),
        ConfigKeys.GATEWAY_DECLARATIVE_FILE, engine.write("gateway", yaml).toString()));
  }

  private Future<GatewayClient> gateway(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    settings.forEach((key, value) -> env.put(ConfigKeys.envName(key), value));
    return ConfigLoader.load(vertx, "cluster", Optional.empty(), env, Map.of()).compose(config -> {
      GatewayVerticle gateway = new GatewayVerticle(config, DependencyChecks.create(vertx, config).healthChecks());
      return vertx.deployVerticle(gateway).map(id -> new GatewayClient(vertx, gateway.port()));
    });
  }
}
