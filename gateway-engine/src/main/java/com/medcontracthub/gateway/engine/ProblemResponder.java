package com.medcontracthub.gateway.engine;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * How the gateway answers a request it refuses or cannot serve itself (a plugin's refusal, an upstream that cannot be
 * reached, an open circuit): the status, and a sentence saying why. A product that has its own problem types
 * registers its responder in {@link GatewayExtensions}.
 */
@FunctionalInterface
public interface ProblemResponder {

  void send(RoutingContext ctx, int status, String detail);

  /**
   * An RFC 9457 problem ({@code application/problem+json}) without types of its own: {@code type} {@code about:blank},
   * {@code title} the status's reason phrase, {@code detail}, and the request path as {@code instance}.
   */
  ProblemResponder RFC_9457 = (ctx, status, detail) -> {
    JsonObject problem = new JsonObject()
        .put("type", "about:blank")
        .put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
        .put("status", status)
        .put("detail", detail)
        .put("instance", ctx.request().path());
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(problem.encode());
  };
}
