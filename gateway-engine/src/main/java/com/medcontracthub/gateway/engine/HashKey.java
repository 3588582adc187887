package com.medcontracthub.gateway.engine;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.UUID;

/**
 * The value a consistent-hashing upstream hashes for a request, read as Kong reads it: the first of the upstream's
 * {@code hash_on} and {@code hash_fallback} that the request has, else the empty string. The consumer is the one an
 * authentication plugin named (or the product user it let in); several values of a header or query argument are
 * joined by commas, a query argument's sorted first. A request without the cookie gets one: a random value, set on
 * its answer, so that the client's next requests go to the same target.
 */
final class HashKey {

  private HashKey() {
  }

  static String of(Exchange exchange, List<GatewaySpec.HashInput> inputs) {
    HttpServerRequest request = exchange.ctx().request();
    for (GatewaySpec.HashInput input : inputs) {
      String value = switch (input.source()) {
        case "consumer" -> exchange.consumer() != null ? exchange.consumer().username() : exchange.authenticatedUser();
        case "ip" -> request.remoteAddress().host();
        case "header" -> joined(request.headers().getAll(input.name()));
        case "cookie" -> cookie(exchange, input);
        case "path" -> request.path();
        case "query_arg" -> joined(exchange.ctx().queryParams().getAll(input.name()).stream().sorted().toList());
        case "uri_capture" -> exchange.pathParams().get(input.name());
        default -> throw new IllegalStateException("hash_on " + input.source());
      };
      if (value != null) {
        return value;
      }
    }
    return "";
  }

  private static String joined(List<String> values) {
    return values.isEmpty() ? null : String.join(",", values);
  }

  private static String cookie(Exchange exchange, GatewaySpec.HashInput input) {
    Cookie sent = exchange.ctx().request().getCookie(input.name());
    if (sent != null) {
      return sent.getValue();
    }
    String value = UUID.randomUUID().toString();
    Cookie cookie = Cookie.cookie(input.name(), value).setPath(input.cookiePath()).setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX);
    // added as the answer's headers are written: the upstream's answer replaces those set before
    exchange.ctx().addHeadersEndHandler(v -> exchange.ctx().response().headers().add("Set-Cookie", cookie.encode()));
    return value;
  }
}
