package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.Plugin;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;

/**
 * Kong's {@code request-size-limiting}: a declared body over the limit is refused before any of it is read; a body
 * without a declared length is cut off by the upstream reader once it passes the limit.
 */
final class RequestSizeLimitingPlugin implements Plugin {

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .number("allowed_payload_size", 128.0, 0)
      .oneOf("size_unit", "megabytes", "megabytes", "kilobytes", "bytes")
      .bool("require_content_length", false)
      .build();

  private final long maxBytes;
  private final boolean requireLength;

  RequestSizeLimitingPlugin(JsonObject config) {
    long unit = switch (config.getString("size_unit")) {
      case "bytes" -> 1;
      case "kilobytes" -> 1024;
      default -> 1024 * 1024;
    };
    this.maxBytes = (long) (config.getDouble("allowed_payload_size") * unit);
    this.requireLength = config.getBoolean("require_content_length");
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    String length = exchange.ctx().request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      if (requireLength && exchange.ctx().request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
        return Answers.refuse(exchange, 411, "A valid Content-Length header is required");
      }
      exchange.limitBody(maxBytes);
      return Answers.GO_ON;
    }
    try {
      if (Long.parseLong(length) > maxBytes) {
        exchange.ctx().response().putHeader(HttpHeaders.CONNECTION, "close");
        return Answers.refuse(exchange, 413, "Request size limit exceeded");
      }
    } catch (NumberFormatException e) {
      return Answers.refuse(exchange, 400, "Content-Length is not a number");
    }
    exchange.limitBody(maxBytes);
    return Answers.GO_ON;
  }
}
