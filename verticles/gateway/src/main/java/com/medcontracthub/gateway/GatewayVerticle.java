package com.medcontracthub.gateway;

import com.medcontracthub.gateway.auth.ActiveUserCheck;
import com.medcontracthub.gateway.auth.JwtKeys;
import com.medcontracthub.gateway.auth.Tokens;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import java.net.BindException;

/** The HTTP edge: health, metrics, login and the REST API (with later issues, the event-bus bridge). */
public final class GatewayVerticle extends VerticleBase {

  private final MchConfig config;
  private final HealthChecks dependencies;
  private HttpServer server;

  public GatewayVerticle(MchConfig config, HealthChecks dependencies) {
    this.config = config;
    this.dependencies = dependencies;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.gatewayHost()).setPort(config.gatewayPort()));
    ActiveUserCheck activeUsers = new ActiveUserCheck(GatewayRoutes.SERVICE_TIMEOUT_MS);
    return Future.all(vertx.executeBlocking(() -> JwtKeys.load(config)), activeUsers.listen(vertx))
        .map(ready -> GatewayRoutes.create(vertx, config, dependencies,
            new Tokens(vertx, ready.resultAt(0), config.authTokenTtlSeconds()), activeUsers))
        .compose(router -> server.requestHandler(router).listen().recover(this::explainBindFailure));
  }

  private Future<HttpServer> explainBindFailure(Throwable e) {
    boolean inUse = e instanceof BindException || String.valueOf(e.getMessage()).contains("Address already in use");
    return Future.failedFuture(inUse
        ? new ConfigException("port " + config.gatewayPort() + " on " + config.gatewayHost()
            + " is already in use (gateway.port); free it or choose another port")
        : e);
  }

  /** The port actually bound (differs from the configured one when that is 0). */
  public int port() {
    return server.actualPort();
  }
}
