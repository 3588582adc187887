package com.medcontracthub.platform.bus;

import com.medcontracthub.codecs.Headers;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.platform.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How services answer the requests of the gateway and the bridges ({@link ServiceRequest}):
 * the handler's result is the reply; a {@link Refusal} fails with its status and message; anything else is logged
 * here and answered 503 without internals.
 */
public final class Consumers {

  private static final Logger LOG = LoggerFactory.getLogger(Consumers.class);
  static final int UNAVAILABLE = 503;
  /** What a handler that failed (rather than refused) answers: the one 503 that is not a {@link Refusal}. */
  public static final String FAILED = "the service is unavailable right now";
  /** Requests served, on /metrics. */
  public static final String SERVED = "mch_service_requests";
  /** The HTTP status of a request that created something (see {@link #serve(Vertx, String, int, Function)}). */
  public static final int CREATED = 201;
  public static final int ACCEPTED = 202;

  private Consumers() {
  }

  /** Counts a request this JVM served: which JVMs of a cluster serve an address, and how it went. */
  private static void served(String address, String outcome) {
    Counter.builder(SERVED).description("Event-bus requests this JVM's services answered, by address and outcome (ok, "
        + "refused: a 4xx or a capability switched off, failed)").tags("address", address, "outcome", outcome)
        .register(Meters.registry()).increment();
  }

  /** @return completes once the consumer is registered (cluster-wide when clustered) */
  public static Future<Void> serve(Vertx vertx, String address, Function<Message<JsonObject>, Future<JsonObject>> handler) {
    return serve(vertx, address, 200, handler);
  }

  /** As {@link #serve(Vertx, String, Function)}, a success answered over HTTP with {@code status} (201 for a creation). */
  public static Future<Void> serve(Vertx vertx, String address, int status,
      Function<Message<JsonObject>, Future<JsonObject>> handler) {
    Handler<Message<JsonObject>> consumer = message -> {
      Future<JsonObject> result;
      try {
        result = handler.apply(message);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      // options per reply: a reply's headers are the options' own map, not a copy
      result.onSuccess(reply -> message.reply(reply, status == 200 ? new DeliveryOptions()
          : new DeliveryOptions().addHeader(Headers.HTTP_STATUS, Integer.toString(status)))).onFailure(e -> {
        if (e instanceof Refusal refusal) {
          message.fail(refusal.status(), refusal.getMessage());
        } else {
          LOG.warn("{} failed: {}", address, e.toString());
          message.fail(UNAVAILABLE, FAILED);
        }
      }).onComplete(ar -> served(address,
          ar.succeeded() ? "ok" : ar.cause() instanceof Refusal ? "refused" : "failed"));
    };
    return vertx.eventBus().consumer(address, consumer).completion();
  }

  /** The caller, or a 401 refusal when the request carries none. */
  public static Principal principal(Message<JsonObject> message) {
    try {
      return Principal.fromJson(part(message, ServiceRequest.PRINCIPAL));
    } catch (IllegalArgumentException e) {
      throw new Refusal(401, "a logged-in user is required");
    }
  }

  public static JsonObject part(Message<JsonObject> message, String name) {
    return message.body() == null ? new JsonObject() : message.body().getJsonObject(name, new JsonObject());
  }

  /** The request's JSON body, refused with 400 when it has a field outside {@code allowed} (a typo changes nothing). */
  public static JsonObject body(Message<JsonObject> message, Set<String> allowed) {
    JsonObject body = part(message, ServiceRequest.BODY);
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        throw new Refusal(400, field + ": unknown field; expected " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    return body;
  }

  public static String correlationId(Message<JsonObject> message) {
    String id = message.headers().get(Headers.CORRELATION_ID);
    return id == null ? UUID.randomUUID().toString() : id;
  }

  public static UUID uuidOrNull(String text) {
    try {
      return text == null ? null : UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
