package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.Plugin;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kong's {@code cors}: answers preflight requests itself (unless {@code preflight_continue}) and adds the CORS
 * headers to every answer for an allowed origin. An origin entry with regular-expression characters is matched as
 * one, as in Kong.
 */
final class CorsPlugin implements Plugin {

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .strings("origins", List.of())
      .strings("methods", List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"))
      .strings("headers", List.of())
      .strings("exposed_headers", List.of())
      .bool("credentials", false)
      .integer("max_age", null, 0, Integer.MAX_VALUE)
      .bool("preflight_continue", false)
      .bool("private_network", false)
      .build();

  private static final Pattern REGEX_CHARS = Pattern.compile("[\\^$*+?()\\[\\]{}|\\\\]");

  private final List<String> origins;
  private final List<Pattern> originPatterns;
  private final String methods;
  private final String headers;
  private final String exposed;
  private final boolean credentials;
  private final Long maxAge;
  private final boolean preflightContinue;

  CorsPlugin(JsonObject config) {
    this.origins = config.getJsonArray("origins").stream().map(String::valueOf).toList();
    this.originPatterns = origins.stream().filter(o -> !o.equals("*") && REGEX_CHARS.matcher(o).find())
        .map(Pattern::compile).toList();
    this.methods = String.join(",", config.getJsonArray("methods").stream().map(String::valueOf).toList());
    this.headers = String.join(",", config.getJsonArray("headers").stream().map(String::valueOf).toList());
    this.exposed = String.join(",", config.getJsonArray("exposed_headers").stream().map(String::valueOf).toList());
    this.credentials = config.getBoolean("credentials");
    this.maxAge = config.getLong("max_age");
    this.preflightContinue = config.getBoolean("preflight_continue");
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    HttpServerRequest request = exchange.ctx().request();
    HttpServerResponse response = exchange.ctx().response();
    String origin = request.getHeader("Origin");
    String allowed = allowedOrigin(origin);
    boolean preflight = request.method() == HttpMethod.OPTIONS
        && request.getHeader("Access-Control-Request-Method") != null;
    if (preflight && !preflightContinue) {
      common(response, allowed);
      response.putHeader("Access-Control-Allow-Methods", methods);
      String requested = request.getHeader("Access-Control-Request-Headers");
      String allowHeaders = headers.isEmpty() ? requested : headers;
      if (allowHeaders != null) {
        response.putHeader("Access-Control-Allow-Headers", allowHeaders);
      }
      if (maxAge != null) {
        response.putHeader("Access-Control-Max-Age", String.valueOf(maxAge));
      }
      response.setStatusCode(200).end();
      return Future.succeededFuture(false);
    }
    exchange.ctx().addHeadersEndHandler(v -> {
      common(response, allowed);
      if (!exposed.isEmpty() && allowed != null) {
        response.putHeader("Access-Control-Expose-Headers", exposed);
      }
    });
    return Answers.GO_ON;
  }

  private void common(HttpServerResponse response, String allowed) {
    if (allowed == null) {
      return;
    }
    response.putHeader("Access-Control-Allow-Origin", allowed);
    if (!allowed.equals("*")) {
      response.putHeader("Vary", "Origin");
    }
    if (credentials) {
      response.putHeader("Access-Control-Allow-Credentials", "true");
    }
  }

  /** What Access-Control-Allow-Origin says for this origin, or null when it is not allowed. */
  private String allowedOrigin(String origin) {
    if (origins.isEmpty() || origins.contains("*")) {
      return credentials && origin != null ? origin : "*";
    }
    if (origin == null) {
      return null;
    }
    if (origins.contains(origin) || originPatterns.stream().anyMatch(p -> p.matcher(origin).matches())) {
      return origin;
    }
    return null;
  }
}
