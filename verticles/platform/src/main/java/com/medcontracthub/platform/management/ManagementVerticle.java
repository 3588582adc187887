package com.medcontracthub.platform.management;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.config.BindFailures;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * Every JVM's management port ({@code management.host}, {@code management.port}): {@code /metrics} for Prometheus and
 * {@code /health/live}, {@code /health/ready} for the kubelet. Apart from the public port, so what the JVM measures is
 * not for anyone on the internet to read: it listens on loopback unless told otherwise (the pod's address in
 * Kubernetes). Load balancers keep {@code /health/*} on the gateway's public port.
 */
public final class ManagementVerticle extends VerticleBase {

  private final MchConfig.Management settings;
  private final HealthChecks dependencies;
  private HttpServer server;

  public ManagementVerticle(MchConfig.Management settings, HealthChecks dependencies) {
    this.settings = settings;
    this.dependencies = dependencies;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(PrometheusScrapingHandler.create());
    router.get("/health/live").handler(HealthCheckHandler.create(vertx)
        .register("event-loop", (Promise<Status> p) -> p.complete(Status.OK())));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(dependencies));
    // scrapes and probes every few seconds are no one's request: never traced
    return vertx.createHttpServer(new HttpServerOptions().setTracingPolicy(TracingPolicy.IGNORE))
        .requestHandler(router).listen(settings.port(), settings.host())
        .recover(e -> BindFailures.explain(e, settings.host(), settings.port(), ConfigKeys.MANAGEMENT_PORT))
        .onSuccess(listening -> server = listening);
  }

  /** The port it listens on: the one configured, or the one chosen for port 0. */
  public int port() {
    return server.actualPort();
  }
}
