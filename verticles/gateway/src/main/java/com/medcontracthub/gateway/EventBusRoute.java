package com.medcontracthub.gateway;

import com.medcontracthub.codecs.Headers;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves an HTTP route by a request on an event-bus address. The service gets {@code {"query": {name: [values]},
 * "path": {name: value}}} and the correlation id; its reply is the JSON response, and a failure with an HTTP-like code
 * becomes that problem response. No handler means 503, no answer in time 504.
 */
final class EventBusRoute implements Handler<RoutingContext> {

  private final String address;
  private final long timeoutMs;

  EventBusRoute(String address, long timeoutMs) {
    this.address = address;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject query = new JsonObject();
    ctx.queryParams().names().forEach(name -> query.put(name, new JsonArray(ctx.queryParam(name))));
    JsonObject path = new JsonObject();
    ctx.pathParams().forEach(path::put);
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs)
        .addHeader(Headers.CORRELATION_ID, ctx.get(GatewayRoutes.CORRELATION_ID));
    ctx.vertx().eventBus().<JsonObject>request(address, new JsonObject().put("query", query).put("path", path), options)
        .onSuccess(reply -> ctx.response().putHeader("Content-Type", "application/json").end(reply.body().encode()))
        .onFailure(e -> Problems.send(ctx, statusOf(e), detailOf(e)));
  }

  private static int statusOf(Throwable e) {
    if (!(e instanceof ReplyException reply)) {
      return 500;
    }
    return switch (reply.failureType()) {
      case NO_HANDLERS -> 503;
      case TIMEOUT -> 504;
      default -> reply.failureCode() >= 400 && reply.failureCode() < 600 ? reply.failureCode() : 500;
    };
  }

  private static String detailOf(Throwable e) {
    if (e instanceof ReplyException reply && reply.failureType() == io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE
        && reply.failureCode() >= 400 && reply.failureCode() < 500) {
      return reply.getMessage();
    }
    return statusOf(e) == 504 ? "no answer in time" : "the service cannot answer right now";
  }
}
