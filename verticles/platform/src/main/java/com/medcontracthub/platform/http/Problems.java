package com.medcontracthub.platform.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem responses with stable types; never a stack trace. */
public final class Problems {

  static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {
  }

  static String typeOf(int status) {
    return switch (status) {
      case 400 -> "urn:mch:problem:bad-request";
      case 401 -> "urn:mch:problem:unauthorized";
      case 403 -> "urn:mch:problem:forbidden";
      case 409 -> "urn:mch:problem:conflict";
      case 429 -> "urn:mch:problem:too-many-requests";
      case 404 -> "urn:mch:problem:not-found";
      case 413 -> "urn:mch:problem:body-too-large";
      case 504 -> "urn:mch:problem:timeout";
      case 503 -> "urn:mch:problem:unavailable";
      default -> "urn:mch:problem:internal";
    };
  }

  static String titleOf(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Authentication required";
      case 403 -> "Not allowed";
      case 409 -> "Conflict";
      case 429 -> "Too many requests";
      case 404 -> "Not found";
      case 413 -> "Request body too large";
      case 504 -> "The service did not answer in time";
      case 503 -> "Service unavailable";
      default -> "Internal error";
    };
  }

  public static void send(RoutingContext ctx, int status, String detail) {
    JsonObject problem = new JsonObject()
        .put("type", typeOf(status))
        .put("title", titleOf(status))
        .put("status", status)
        .put("detail", detail)
        .put("instance", ctx.request().path());
    // the product's own login is a bearer token; a plugin that refused names its own scheme (Basic, Key)
    if (status == 401 && !ctx.response().headers().contains("WWW-Authenticate")) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(problem.encode());
  }
}
