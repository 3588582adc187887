package com.medcontracthub.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** What the gateway's upload routes share: the body held until the route reads it, and refusals that read no more. */
public final class Uploads {

  /** The first handler of an upload route: the body waits (unread, not buffered) until the route streams it. */
  public static final Handler<RoutingContext> PAUSED = ctx -> {
    ctx.request().pause();
    ctx.next();
  };

  private Uploads() {
  }

  /** Whether the request says, before a byte of it is read, that its body is larger than {@code maxBytes}. */
  public static boolean declaredLarger(HttpServerRequest request, long maxBytes) {
    String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBytes;
  }

  /** A problem answer whose body is not read any further: the connection closes after it. */
  public static void refuse(RoutingContext ctx, int status, String detail) {
    if (!ctx.response().ended()) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      Replies.problem(ctx, status, detail);
    }
  }
}
