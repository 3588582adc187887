package com.medcontracthub.platform.http;

import com.medcontracthub.codecs.Headers;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.platform.flags.FeatureFlags;
import com.medcontracthub.platform.flags.Flag;
import com.medcontracthub.platform.metrics.BusRequests;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;

/**
 * HTTP requests served by a request on an event-bus address. The service gets a {@link ServiceRequest} and the
 * correlation id; its reply
 * is the JSON response (with the status its {@link Headers#HTTP_STATUS} header names, 200 otherwise), and a failure
 * with an HTTP-like code becomes that problem response (see {@link Replies}).
 */
public final class ServiceRequests {

  private ServiceRequests() {
  }

  /** The request's query, path parameters and principal, in the shape every service reads. */
  public static JsonObject requestOf(RoutingContext ctx) {
    JsonObject query = new JsonObject();
    ctx.queryParams().names().forEach(name -> query.put(name, new JsonArray(ctx.queryParam(name))));
    JsonObject path = new JsonObject();
    ctx.pathParams().forEach(path::put);
    return new JsonObject().put(ServiceRequest.QUERY, query).put(ServiceRequest.PATH, path)
        .put(ServiceRequest.PRINCIPAL, ctx.get(Replies.PRINCIPAL));
  }

  /**
   * Sends the request to the service and answers with its reply, or with the problem its failure names; tells
   * {@code answered} the status and body of a reply just before sending it.
   *
   * @return the service's outcome: failed when it did not answer or could not (a 5xx that is no refusal), after the
   *     answer was sent
   */
  public static Future<Void> forward(RoutingContext ctx, String address, JsonObject request, long timeoutMs,
      BiConsumer<Integer, Buffer> answered) {
    long started = System.nanoTime();
    return send(ctx, address, request, timeoutMs)
        .andThen(outcome -> BusRequests.record(address, started, outcome))
        .onSuccess(reply -> {
          Buffer body = reply.body() == null ? Buffer.buffer("{}") : reply.body().toBuffer();
          int status = statusOf(reply);
          // before it is sent: a cache that keeps it has it by the time the client can ask again, on any gateway
          answered.accept(status, body);
          ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
        })
        .onFailure(failure -> Replies.failure(ctx, failure))
        .transform(ar -> ar.succeeded() || ctx.response().getStatusCode() < 500 || Replies.refused(ar.cause())
            ? Future.succeededFuture() : Future.failedFuture(ar.cause()));
  }

  /**
   * To the service in this JVM when {@link Flag#LOCAL_SERVICES} is on and this JVM runs it (no network hop); to any JVM
   * of the cluster running it, in turn, otherwise.
   */
  private static Future<Message<JsonObject>> send(RoutingContext ctx, String address, JsonObject request,
      long timeoutMs) {
    EventBus bus = ctx.vertx().eventBus();
    if (!FeatureFlags.of(ctx.vertx()).on(Flag.LOCAL_SERVICES)) {
      return bus.request(address, request, Replies.options(ctx, timeoutMs));
    }
    return bus.<JsonObject>request(address, request, Replies.options(ctx, timeoutMs).setLocalOnly(true))
        .recover(e -> e instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS
            ? bus.request(address, request, Replies.options(ctx, timeoutMs)) : Future.failedFuture(e));
  }

  private static int statusOf(Message<JsonObject> reply) {
    String status = reply.headers().get(Headers.HTTP_STATUS);
    return status == null ? 200 : Integer.parseInt(status);
  }
}
