package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.Plugin;
import com.medcontracthub.gateway.engine.PluginContext;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kong's {@code key-auth}: the consumer is the one whose key the request carries in one of {@code key_names}
 * (header or query parameter); the upstream learns it from {@code X-Consumer-Username} / {@code X-Consumer-Custom-ID}.
 */
final class KeyAuthPlugin implements Plugin {

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .strings("key_names", List.of("apikey"))
      .bool("hide_credentials", false)
      .string("anonymous", null)
      .bool("key_in_header", true)
      .bool("key_in_query", true)
      .bool("key_in_body", false)
      .bool("run_on_preflight", true)
      .string("realm", null)
      .build();

  private final List<String> keyNames;
  private final boolean hide;
  private final boolean inHeader;
  private final boolean inQuery;
  private final boolean onPreflight;
  private final GatewaySpec.Consumer anonymous;
  private final Map<String, GatewaySpec.Consumer> byKey = new HashMap<>();

  KeyAuthPlugin(JsonObject config, PluginContext context) {
    this.keyNames = config.getJsonArray("key_names").stream().map(String::valueOf).toList();
    this.hide = config.getBoolean("hide_credentials");
    this.inHeader = config.getBoolean("key_in_header");
    this.inQuery = config.getBoolean("key_in_query");
    this.onPreflight = config.getBoolean("run_on_preflight");
    this.anonymous = ConsumerAdmission.named(context, config.getString("anonymous"));
    context.consumers().forEach(c -> c.keys().forEach(k -> byKey.put(k, c)));
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    HttpServerRequest request = exchange.ctx().request();
    if (!onPreflight && request.method().name().equals("OPTIONS")) {
      return Answers.GO_ON;
    }
    String key = null;
    for (String name : keyNames) {
      if (inHeader && request.getHeader(name) != null) {
        key = request.getHeader(name);
        if (hide) {
          exchange.hiddenHeaders().add(name);
        }
        break;
      }
      if (inQuery && request.getParam(name) != null) {
        key = request.getParam(name);
        if (hide) {
          exchange.upstreamQuery().remove(name);
        }
        break;
      }
    }
    GatewaySpec.Consumer consumer = key == null ? null : byKey.get(key);
    if (consumer == null && anonymous != null) {
      consumer = anonymous;
    }
    if (consumer == null) {
      exchange.ctx().response().putHeader("WWW-Authenticate", "Key realm=\"kong\"");
      return Answers.refuse(exchange, 401, key == null ? "No API key found in request"
          : "Invalid authentication credentials");
    }
    return ConsumerAdmission.admit(exchange, consumer, anonymous, null);
  }
}
