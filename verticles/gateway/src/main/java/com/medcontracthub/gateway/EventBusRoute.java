package com.medcontracthub.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;

/**
 * Serves an HTTP route by a request on an event-bus address. The service gets {@code {"query": {name: [values]},
 * "path": {name: value}, "body": {…}, "principal": {"userId", "tenantId", "role"}}} and the correlation id; its reply
 * is the JSON response, and a failure with an HTTP-like code becomes that problem response (see {@link Replies}).
 */
public final class EventBusRoute implements Handler<RoutingContext> {

  private final String address;
  private final long timeoutMs;
  private final int successStatus;

  EventBusRoute(String address, long timeoutMs, int successStatus) {
    this.address = address;
    this.timeoutMs = timeoutMs;
    this.successStatus = successStatus;
  }

  EventBusRoute(String address, long timeoutMs) {
    this(address, timeoutMs, 200);
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject request = requestOf(ctx);
    if (ctx.body() != null && ctx.body().length() > 0) {
      try {
        request.put("body", ctx.body().asJsonObject());
      } catch (DecodeException | ClassCastException e) {
        Replies.problem(ctx, 400, "the body must be a JSON object");
        return;
      }
    }
    forward(ctx, address, request, timeoutMs, successStatus);
  }

  /** The request's query, path parameters and principal, in the shape every service reads. */
  public static JsonObject requestOf(RoutingContext ctx) {
    JsonObject query = new JsonObject();
    ctx.queryParams().names().forEach(name -> query.put(name, new JsonArray(ctx.queryParam(name))));
    JsonObject path = new JsonObject();
    ctx.pathParams().forEach(path::put);
    return new JsonObject().put("query", query).put("path", path).put("principal", ctx.get(Replies.PRINCIPAL));
  }

  /**
   * Sends the request to the service and answers with its reply, or with the problem its failure names.
   *
   * @return the service's outcome: failed when it did not answer or could not (a 5xx), after the answer was sent
   */
  public static Future<Void> forward(RoutingContext ctx, String address, JsonObject request, long timeoutMs,
      int successStatus) {
    return forward(ctx, address, request, timeoutMs, successStatus, (status, body) -> { });
  }

  /** As {@link #forward(RoutingContext, String, JsonObject, long, int)}, telling {@code answered} what was sent. */
  public static Future<Void> forward(RoutingContext ctx, String address, JsonObject request, long timeoutMs,
      int successStatus, BiConsumer<Integer, Buffer> answered) {
    return ctx.vertx().eventBus().<JsonObject>request(address, request, Replies.options(ctx, timeoutMs))
        .onSuccess(reply -> {
          Buffer body = reply.body() == null ? Buffer.buffer("{}") : reply.body().toBuffer();
          ctx.response().setStatusCode(successStatus).putHeader("Content-Type", "application/json").end(body);
          answered.accept(successStatus, body);
        })
        .onFailure(failure -> Replies.failure(ctx, failure))
        .transform(ar -> ar.succeeded() || ctx.response().getStatusCode() < 500 ? Future.succeededFuture()
            : Future.failedFuture(ar.cause()));
  }
}
