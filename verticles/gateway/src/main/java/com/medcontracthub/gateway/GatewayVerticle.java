package com.medcontracthub.gateway;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.gateway.engine.DeclarativeGateway;
import com.medcontracthub.gateway.extensions.ProductExtensions;
import com.medcontracthub.platform.auth.Authentication;
import com.medcontracthub.platform.config.BindFailures;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.http.GatewayMount;
import com.medcontracthub.platform.http.ProductLogins;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP edge: health, metrics, login, the product's REST API (declared in {@code gateway.api-file}), a team's
 * declarative file ({@code gateway.declarative-file}), and the routes services mount on it ({@link GatewayMount}: realtime's
 * event-bus bridge at {@code /eventbus}).
 */
public final class GatewayVerticle extends ServiceVerticle {

  private final HealthChecks dependencies;
  private HttpServer server;
  /** Null unless {@code gateway.https-port} is set. */
  private HttpServer tlsServer;
  /** The API file's routes, then the team's file's. */
  private final List<DeclarativeGateway> declarative = new ArrayList<>();
  private final List<GatewayMount.Factory> mountFactories;
  private List<GatewayMount> mounts = List.of();

  /** A gateway that serves no service's own routes. */
  public GatewayVerticle(MchConfig config, HealthChecks dependencies) {
    this(config, dependencies, List.of());
  }

  /** @param mounts the routes services contribute, mounted on every gateway verticle */
  public GatewayVerticle(MchConfig config, HealthChecks dependencies, List<GatewayMount.Factory> mounts) {
    super(config);
    this.dependencies = dependencies;
    this.mountFactories = List.copyOf(mounts);
  }

  @Override
  public Future<?> start() {
    // every write to a connection happens on this verticle's event loop (upstream clients, bus replies, bridge rooms
    // all run on it), so connections need no cross-thread outbound queue: ~4 KiB less per open socket (10k sockets:
    // RSS growth 217 -> 179 MiB in RealtimeBenchmark). Experimental in Vert.x 5.0; the whole test suite runs with it.
    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.gateway().host()).setPort(config.gateway().port())
        .setStrictThreadMode(true));
    return Authentication.start(vertx, config)
        .compose(auth -> {
          ProductLogins logins = new ProductLogins(auth.logins(), GatewayRoutes.SERVICE_TIMEOUT_MS);
          mounts = mountFactories.stream().map(factory -> factory.create(vertx, config, logins)).toList();
          return declarative(logins).map(v -> GatewayRoutes.create(vertx, config, dependencies, auth.tokens(),
              auth.jwks(), logins, declarative, mounts));
        })
        .compose(router -> server.requestHandler(inFront(router)).listen()
            .recover(e -> BindFailures.explain(e, config.gateway().host(), config.gateway().port(), ConfigKeys.GATEWAY_PORT))
            .compose(listening -> TlsListener.start(vertx, config, inFront(router), declarative))
            .map(tls -> tlsServer = tls));
  }

  /**
   * The routes of the product's API file, then of the team's declarative file (each when configured; a request the
   * first does not route goes on to the second), reloaded on change and on {@code gateway.reload}.
   */
  private Future<?> declarative(ProductLogins logins) {
    return start(ConfigKeys.GATEWAY_API_FILE, config.gateway().apiFile(), logins)
        .compose(v -> start(ConfigKeys.GATEWAY_DECLARATIVE_FILE, config.gateway().declarativeFile(), logins))
        .compose(v -> vertx.eventBus().localConsumer(Addresses.GATEWAY_RELOAD,
            message -> declarative.forEach(DeclarativeGateway::reload)).completion());
  }

  private Future<Void> start(String key, Optional<Path> file, ProductLogins logins) {
    if (file.isEmpty()) {
      return Future.succeededFuture();
    }
    return DeclarativeGateway.start(vertx, key, file.get(), this::redis, config.gateway().maxBodyBytes(),
            ProductExtensions.create(logins))
        .recover(e -> Future.failedFuture(new ConfigException(key + " " + file.get() + ": " + e.getMessage())))
        .map(gateway -> {
          declarative.add(gateway);
          return null;
        });
  }

  /** The server's request handler: the mounts' own handlers in front of the router. */
  private Handler<HttpServerRequest> inFront(Router router) {
    Handler<HttpServerRequest> handler = router;
    for (GatewayMount mount : mounts) {
      handler = mount.before(handler);
    }
    return handler;
  }

  @Override
  public Future<?> stop() {
    declarative.forEach(DeclarativeGateway::stop);
    List<Future<?>> closed = new ArrayList<>(mounts.stream().<Future<?>>map(GatewayMount::close).toList());
    closed.add(super.stop());
    return Future.join(closed);
  }

  /** The port actually bound (differs from the configured one when that is 0). */
  public int port() {
    return server.actualPort();
  }

  /** The TLS listener's port actually bound; -1 without one. */
  public int httpsPort() {
    return tlsServer == null ? -1 : tlsServer.actualPort();
  }
}
