package com.medcontracthub.gateway;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.gateway.auth.ProductLogins;
import com.medcontracthub.gateway.engine.DeclarativeGateway;
import com.medcontracthub.gateway.extensions.ProductExtensions;
import com.medcontracthub.platform.auth.ActiveUsers;
import com.medcontracthub.platform.auth.JwtKeys;
import com.medcontracthub.platform.auth.Logins;
import com.medcontracthub.platform.auth.Tokens;
import com.medcontracthub.platform.auth.VerifiedTokens;
import com.medcontracthub.platform.config.BindFailures;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.redis.RedisClients;
import com.medcontracthub.realtime.bridge.BridgeServices;
import com.medcontracthub.realtime.bridge.SockJsBridge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP edge: health, metrics, login, the product's REST API (declared in {@code gateway.api-file}), a team's
 * declarative file ({@code gateway.declarative-file}), and the SockJS event-bus bridge at {@code /eventbus}.
 */
public final class GatewayVerticle extends VerticleBase {

  private final MchConfig config;
  private final HealthChecks dependencies;
  private HttpServer server;
  private Redis redis;
  /** The API file's routes, then the team's file's. */
  private final List<DeclarativeGateway> declarative = new ArrayList<>();
  private BridgeServices bridge;

  public GatewayVerticle(MchConfig config, HealthChecks dependencies) {
    this.config = config;
    this.dependencies = dependencies;
  }

  @Override
  public Future<?> start() {
    // every write to a connection happens on this verticle's event loop (upstream clients, bus replies, bridge rooms
    // all run on it), so connections need no cross-thread outbound queue: ~4 KiB less per open socket (10k sockets:
    // RSS growth 217 -> 179 MiB in RealtimeBenchmark). Experimental in Vert.x 5.0; the whole test suite runs with it.
    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.gatewayHost()).setPort(config.gatewayPort())
        .setStrictThreadMode(true));
    ActiveUsers users = new ActiveUsers(vertx);
    return Future.all(vertx.executeBlocking(() -> JwtKeys.load(config)), users.listen())
        .compose(ready -> {
          JwtKeys.Keys keys = ready.resultAt(0);
          Tokens tokens = new Tokens(vertx, keys.options(), config.authTokenTtlSeconds());
          Logins checked = new Logins(new VerifiedTokens(tokens), users);
          ProductLogins logins = new ProductLogins(checked, GatewayRoutes.SERVICE_TIMEOUT_MS);
          bridge = new BridgeServices(vertx, config, checked, redis());
          return declarative(logins).map(v -> GatewayRoutes.create(vertx, config, dependencies, tokens, keys.jwks(),
              logins, declarative, bridge));
        })
        .compose(router -> server.requestHandler(SockJsBridge.rawWebSocketFirst(bridge, router)).listen()
            .recover(e -> BindFailures.explain(e, config.gatewayHost(), config.gatewayPort(), ConfigKeys.GATEWAY_PORT)));
  }

  /**
   * The routes of the product's API file, then of the team's declarative file (each when configured; a request the
   * first does not route goes on to the second), reloaded on change and on {@code gateway.reload}.
   */
  private Future<?> declarative(ProductLogins logins) {
    return start(ConfigKeys.GATEWAY_API_FILE, config.gatewayApiFile(), logins)
        .compose(v -> start(ConfigKeys.GATEWAY_DECLARATIVE_FILE, config.gatewayDeclarativeFile(), logins))
        .compose(v -> vertx.eventBus().localConsumer(Addresses.GATEWAY_RELOAD,
            message -> declarative.forEach(DeclarativeGateway::reload)).completion());
  }

  private Future<Void> start(String key, Optional<Path> file, ProductLogins logins) {
    if (file.isEmpty()) {
      return Future.succeededFuture();
    }
    return DeclarativeGateway.start(vertx, key, file.get(), this::redis, config.gatewayMaxBodyBytes(),
            ProductExtensions.create(logins))
        .recover(e -> Future.failedFuture(new ConfigException(key + " " + file.get() + ": " + e.getMessage())))
        .map(gateway -> {
          declarative.add(gateway);
          return null;
        });
  }

  /** The product's Redis, for plugins that share state between gateways; made when a plugin first asks. */
  private synchronized Redis redis() {
    if (redis == null) {
      redis = RedisClients.create(vertx, config);
    }
    return redis;
  }

  @Override
  public Future<?> stop() {
    declarative.forEach(DeclarativeGateway::stop);
    if (bridge != null) {
      bridge.close();
    }
    return redis == null ? Future.succeededFuture() : redis.close();
  }

  /** The port actually bound (differs from the configured one when that is 0). */
  public int port() {
    return server.actualPort();
  }
}
