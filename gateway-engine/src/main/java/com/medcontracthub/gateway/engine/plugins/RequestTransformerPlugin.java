package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.Plugin;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong's {@code request-transformer}: changes the request the upstream gets — its headers and query string, in Kong's
 * order ({@code remove}, {@code rename}, {@code replace}, {@code add}, {@code append}), its path
 * ({@code replace.uri}) and method ({@code http_method}). Values may name parts of the request as Kong's templates do:
 * {@code $(headers.x)}, {@code $(headers["x-y"])}, {@code $(query_params.q)}, {@code $(uri_captures.id)}. Body
 * transformations are not built: a file that asks for one is refused.
 */
final class RequestTransformerPlugin implements Plugin {

  private static final Pattern TEMPLATE =
      Pattern.compile("\\$\\((headers|query_params|uri_captures)(?:\\.([A-Za-z0-9_-]+)|\\[\"([^\"]+)\"])\\)");

  private static ConfigSchema changes(boolean withUri) {
    ConfigSchema.Builder changes = ConfigSchema.builder()
        .strings("body", List.of())
        .strings("headers", List.of())
        .strings("querystring", List.of());
    return (withUri ? changes.string("uri", null) : changes).build();
  }

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .oneOf("http_method", null, "GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT")
      .record("remove", changes(false))
      .record("rename", changes(false))
      .record("replace", changes(true))
      .record("add", changes(false))
      .record("append", changes(false))
      .build();

  private final JsonObject config;

  RequestTransformerPlugin(JsonObject config) {
    this.config = config;
  }

  static void check(GatewaySpec.Plugin declared) {
    NameValueChanges.check(declared, "body", "headers", "querystring");
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    MultiMap request = exchange.ctx().request().headers();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request);
    exchange.hiddenHeaders().forEach(headers::remove);
    exchange.upstreamHeaders().names().forEach(name -> headers.set(name, exchange.upstreamHeaders().getAll(name)));
    MultiMap query = exchange.upstreamQuery();
    for (String step : NameValueChanges.STEPS) {
      JsonObject changes = config.getJsonObject(step);
      NameValueChanges.apply(step, changes.getJsonArray("headers"), headers, value -> render(value, exchange));
      NameValueChanges.apply(step, changes.getJsonArray("querystring"), query, value -> render(value, exchange));
    }
    for (String name : request.names()) {
      if (!headers.contains(name)) {
        exchange.hiddenHeaders().add(name);
        exchange.upstreamHeaders().remove(name);
      }
    }
    for (String name : headers.names()) {
      if (!headers.getAll(name).equals(request.getAll(name))) {
        exchange.upstreamHeaders().set(name, headers.getAll(name));
      }
    }
    String uri = config.getJsonObject("replace").getString("uri");
    if (uri != null) {
      exchange.upstreamPath(render(uri, exchange));
    }
    String method = config.getString("http_method");
    if (method != null) {
      exchange.upstreamMethod(HttpMethod.valueOf(method));
    }
    return Answers.GO_ON;
  }

  /** A value with its templates filled in from the request; a part the request lacks renders empty. */
  private static String render(String value, Exchange exchange) {
    Matcher template = TEMPLATE.matcher(value);
    return template.replaceAll(found -> {
      String key = found.group(2) != null ? found.group(2) : found.group(3);
      String part = switch (found.group(1)) {
        case "headers" -> exchange.ctx().request().getHeader(key);
        case "query_params" -> exchange.ctx().request().getParam(key);
        default -> exchange.pathParams().get(key);
      };
      return Matcher.quoteReplacement(part == null ? "" : part);
    });
  }
}
