package com.medcontracthub.gateway.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * The headers of the browser client's files: a policy that lets the page run only its own scripts and styles, talk only
 * to this gateway (the API and the bridge) and never be framed; no type sniffing and no referrer sent elsewhere. The
 * scripts and style sheets are named by their content at build time ({@code app.61752a4c7b.js}): browsers keep them
 * for a year, since a release that changes one names it anew; the page itself (and anything not so named) is asked for
 * again on every load ({@code no-cache}, answered 304 while unchanged), so a new release reaches every browser at once.
 */
public final class WebClientHeaders implements Handler<RoutingContext> {

  /** The build's names: a ten-hex-digit hash of the content before the extension. */
  private static final Pattern NAMED_BY_CONTENT = Pattern.compile("\\.[0-9a-f]{10}\\.(js|css)$");

  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void handle(RoutingContext ctx) {
    // when the headers go, after the file handler's own caching headers (which would keep a release out of browsers
    // for a day), and only on its files: a path it does not have falls through to the API's 404
    ctx.addHeadersEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      if (status == 200 || status == 206 || status == 304) {
        ctx.response().headers()
            .set("Content-Security-Policy", POLICY)
            .set("X-Content-Type-Options", "nosniff")
            .set("X-Frame-Options", "DENY")
            .set("Referrer-Policy", "no-referrer")
            .set("Cache-Control", NAMED_BY_CONTENT.matcher(ctx.request().path()).find()
                ? "public, max-age=31536000, immutable" : "no-cache");
      }
    });
    ctx.next();
  }
}
