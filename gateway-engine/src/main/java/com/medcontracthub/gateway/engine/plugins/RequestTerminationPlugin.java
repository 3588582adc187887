package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.Plugin;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** Kong's {@code request-termination}: answers with a fixed status and body (when {@code trigger} is present). */
final class RequestTerminationPlugin implements Plugin {

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .integer("status_code", 503L, 100, 599)
      .string("message", null)
      .string("body", null)
      .string("content_type", null)
      .string("trigger", null)
      .bool("echo", false)
      .build();

  private final JsonObject config;

  RequestTerminationPlugin(JsonObject config) {
    this.config = config;
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    HttpServerRequest request = exchange.ctx().request();
    String trigger = config.getString("trigger");
    if (trigger != null && request.getHeader(trigger) == null && request.getParam(trigger) == null) {
      return Answers.GO_ON;
    }
    int status = config.getInteger("status_code");
    exchange.ctx().response().setStatusCode(status);
    if (config.getString("body") != null) {
      exchange.ctx().response()
          .putHeader("Content-Type", Objects.requireNonNullElse(config.getString("content_type"), "application/json; charset=utf-8"))
          .end(config.getString("body"));
      return Future.succeededFuture(false);
    }
    String message = Objects.requireNonNullElse(config.getString("message"),
        HttpResponseStatus.valueOf(status).reasonPhrase());
    JsonObject answer = new JsonObject().put("message", message);
    if (config.getBoolean("echo")) {
      answer.put("request", new JsonObject().put("method", request.method().name()).put("uri", request.uri()));
    }
    exchange.ctx().response().putHeader("Content-Type", "application/json; charset=utf-8").end(answer.encode());
    return Future.succeededFuture(false);
  }
}
