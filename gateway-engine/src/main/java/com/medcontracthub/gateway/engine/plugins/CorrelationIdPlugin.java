package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.Plugin;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Kong's {@code correlation-id}: the request's id in {@code header_name}, generated when absent. */
final class CorrelationIdPlugin implements Plugin {

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .string("header_name", "Kong-Request-ID")
      .oneOf("generator", "uuid#", "uuid", "uuid#", "tracker")
      .bool("echo_downstream", false)
      .build();

  private final String header;
  private final String generator;
  private final boolean echo;
  private final String node = UUID.randomUUID().toString();
  private final AtomicLong counter = new AtomicLong();

  CorrelationIdPlugin(JsonObject config) {
    this.header = config.getString("header_name");
    this.generator = config.getString("generator");
    this.echo = config.getBoolean("echo_downstream");
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    String id = exchange.ctx().request().getHeader(header);
    if (id == null || id.isBlank()) {
      id = switch (generator) {
        case "uuid" -> UUID.randomUUID().toString();
        case "tracker" -> exchange.ctx().request().localAddress().host() + "-" + exchange.ctx().request().localAddress().port()
            + "-" + System.currentTimeMillis() + "-" + counter.incrementAndGet();
        default -> node + "#" + counter.incrementAndGet();
      };
    }
    exchange.upstreamHeaders().set(header, id);
    if (echo) {
      exchange.ctx().response().putHeader(header, id);
    }
    return Answers.GO_ON;
  }
}
