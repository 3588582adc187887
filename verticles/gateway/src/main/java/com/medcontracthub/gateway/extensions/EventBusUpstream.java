package com.medcontracthub.gateway.extensions;

import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.ObservedBody;
import com.medcontracthub.gateway.engine.ResponseTap;
import com.medcontracthub.gateway.engine.Upstream;
import com.medcontracthub.platform.http.Problems;
import com.medcontracthub.platform.http.Replies;
import com.medcontracthub.platform.http.ServiceRequests;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * A request on an {@code eventbus://<address>} service: the body (read up to the exchange's limit, a JSON object)
 * and the rest of a {@link ServiceRequest} (the path's named groups, the headers the route passes on) go to the
 * address, once it fits the body schema the service declared (400 naming the place otherwise); the reply is the
 * JSON response, a failure code becomes that problem.
 */
final class EventBusUpstream implements Upstream {

  private final GatewaySpec.Service service;
  private final BodySchemas schemas;

  EventBusUpstream(GatewaySpec.Service service, BodySchemas schemas) {
    this.service = service;
    this.schemas = schemas;
  }

  @Override
  public Future<Void> forward(Exchange exchange) {
    HttpServerRequest request = exchange.ctx().request();
    return exchange.body(exchange.bodyLimit()).transform(read -> {
      if (read.failed()) {
        // the rest of the body is not read: the connection closes after the answer
        exchange.ctx().response().putHeader("Connection", "close");
        Problems.send(exchange.ctx(), 413, "the body is larger than " + exchange.bodyLimit() + " bytes");
        return Future.succeededFuture();
      }
      JsonObject message = ServiceRequests.requestOf(exchange.ctx()).put(ServiceRequest.METHOD, exchange.upstreamMethod().name());
      if (exchange.upstreamQueryJson() != null) {
        message.put(ServiceRequest.QUERY, exchange.upstreamQueryJson());
      }
      JsonObject path = new JsonObject();
      exchange.pathParams().forEach(path::put);
      message.put(ServiceRequest.PATH, path);
      JsonObject headers = new JsonObject();
      request.headers().forEach((name, value) -> {
        if (!exchange.hiddenHeaders().contains(name) && !name.equalsIgnoreCase("Authorization")) {
          headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        }
      });
      exchange.upstreamHeaders().forEach((name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), value));
      message.put(ServiceRequest.HEADERS, headers);
      if (message.getValue(Replies.PRINCIPAL) == null && exchange.claims() != null) {
        message.put(Replies.PRINCIPAL, exchange.claims().copy());
      } else if (message.getValue(Replies.PRINCIPAL) == null && exchange.consumer() != null) {
        message.put(Replies.PRINCIPAL, new JsonObject().put("consumer", exchange.consumer().username())
            .put("customId", exchange.consumer().customId()));
      }
      Buffer body = read.result();
      if (body.length() > 0) {
        try {
          message.put(ServiceRequest.BODY, body.toJsonObject());
        } catch (DecodeException | ClassCastException e) {
          Problems.send(exchange.ctx(), 400, "the body must be a JSON object");
          return Future.succeededFuture();
        }
      }
      return schemas.problem(service.upstream().address(), message.getJsonObject(ServiceRequest.BODY)).compose(problem -> {
        if (problem != null) {
          Problems.send(exchange.ctx(), 400, problem);
          return Future.<Void>succeededFuture();
        }
        return ServiceRequests.forward(exchange.ctx(), service.upstream().address(), message, service.readTimeoutMs(),
            (status, answer) -> tap(exchange, status, answer));
      });
    });
  }

  /** A plugin that watches answers (the cache) sees the service's reply as a proxied answer would show it. */
  private static void tap(Exchange exchange, int status, Buffer answer) {
    ResponseTap tap = exchange.responseTap();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    if (tap != null && tap.wants(status, headers)) {
      ObservedBody.Observer observer = tap.observer(status, headers);
      if (observer.chunk(answer)) {
        observer.end();
      }
    }
  }
}
