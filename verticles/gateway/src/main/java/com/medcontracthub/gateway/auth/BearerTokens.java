package com.medcontracthub.gateway.auth;

import com.medcontracthub.platform.auth.VerifiedTokens;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Requires {@code Authorization: Bearer <token>} with a token {@link VerifiedTokens} accepts, and keeps the claims
 * for the next handlers. One instance per gateway verticle (its event loop).
 */
public final class BearerTokens implements Handler<RoutingContext> {

  /** The key under which a request's verified token claims are kept. */
  public static final String CLAIMS = "tokenClaims";
  private static final String PREFIX = "Bearer ";

  private final VerifiedTokens tokens;

  public BearerTokens(VerifiedTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      ctx.fail(401);
      return;
    }
    tokens.claims(header.substring(PREFIX.length()).trim()).onSuccess(claims -> {
      ctx.put(CLAIMS, claims);
      ctx.next();
    }).onFailure(e -> ctx.fail(401));
  }
}
