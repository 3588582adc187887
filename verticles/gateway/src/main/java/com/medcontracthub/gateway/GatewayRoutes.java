package com.medcontracthub.gateway;

import com.medcontracthub.codecs.Headers;
import com.medcontracthub.gateway.auth.LoginRoute;
import com.medcontracthub.gateway.auth.OpenIdDiscovery;
import com.medcontracthub.gateway.engine.DeclarativeGateway;
import com.medcontracthub.gateway.web.WebClientHeaders;
import com.medcontracthub.platform.auth.Tokens;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.correlation.CorrelationIds;
import com.medcontracthub.platform.http.GatewayMount;
import com.medcontracthub.platform.http.Problems;
import com.medcontracthub.platform.http.ProductLoginHandler;
import com.medcontracthub.platform.http.ProductLogins;
import com.medcontracthub.platform.http.Replies;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's routes; kept apart from the verticle so the wiring reads in one place. */
final class GatewayRoutes {

  static final String API = "/api/v1";
  private static final Logger LOG = LoggerFactory.getLogger(GatewayRoutes.class);
  static final long SERVICE_TIMEOUT_MS = 10_000;

  private GatewayRoutes() {
  }

  static Router create(Vertx vertx, MchConfig config, HealthChecks dependencies, Tokens tokens, Supplier<JsonObject> jwks,
      ProductLogins logins, List<DeclarativeGateway> declarative, List<GatewayMount> mounts) {
    Router router = Router.router(vertx);
    router.route().handler(GatewayRoutes::correlate);
    // services' mounts read their own request bodies (SockJS, uploads), so they come before the body handler
    mounts.forEach(mount -> mount.mount(router));
    ProductLoginHandler productLogin = new ProductLoginHandler(logins);
    // declarative routes stream bodies to their upstreams, so they come before the body handler
    declarative.forEach(routes -> router.route().handler(routes));
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.gateway().maxBodyBytes()));
    router.get("/health/live").handler(HealthCheckHandler.create(vertx)
        .register("event-loop", (Promise<Status> p) -> p.complete(Status.OK())));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(dependencies));
    OpenIdDiscovery.mount(router, jwks);

    router.post(API + "/auth/login").handler(new OwnRouteMeters().route("login"))
        .handler(new LoginRoute(tokens, SERVICE_TIMEOUT_MS));
    // after the declarative routes: an API path they do not serve is 401 without a login, 404 with one
    router.route(API + "/*").handler(productLogin);
    List<GatewayMount.Operation> api = new ArrayList<>(List.of(
        new GatewayMount.Operation("POST", API + "/auth/login", null, "log in: a bearer token for an email and password")));
    mounts.forEach(mount -> api.addAll(mount.operations()));
    router.get("/openapi.json").handler(ctx -> {
      List<GatewayMount.Operation> all = new ArrayList<>(api);
      declarative.forEach(d -> all.addAll(OpenApiDocument.of(d.spec())));
      OpenApiDocument.build(vertx, all).onSuccess(doc -> ctx.response().putHeader("Content-Type", "application/json")
          .end(doc.encode())).onFailure(ctx::fail);
    });

    // the browser client (web/), packed in the jar
    router.get("/*").handler(new WebClientHeaders()).handler(StaticHandler.create("webroot"));
    router.route().last().handler(ctx -> Problems.send(ctx, 404, "no route for " + ctx.request().method() + " "
        + ctx.request().path()));
    router.route().failureHandler(ctx -> {
      if (ctx.failure() != null) {
        LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), ctx.failure().toString());
      }
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      Problems.send(ctx, status, switch (status) {
        case 401 -> ProductLogins.REQUIRED;
        case 413 -> "the body is larger than " + config.gateway().maxBodyBytes() + " bytes";
        default -> "the request could not be handled";
      });
    });
    return router;
  }

  /** Takes the caller's correlation id or makes one, and echoes it on the response. */
  private static void correlate(RoutingContext ctx) {
    String id = CorrelationIds.orNew(ctx.request().getHeader(Headers.CORRELATION_ID));
    CorrelationIds.bind(id);
    ctx.put(Replies.CORRELATION_ID, id);
    ctx.response().putHeader(Headers.CORRELATION_ID, id);
    ctx.next();
  }
}
