package com.medcontracthub.gateway.auth;

import com.medcontracthub.platform.auth.Tokens;
import com.medcontracthub.gateway.Replies;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Requires {@code Authorization: Bearer <token>} with a token {@link Tokens#verify} accepts, and keeps the claims
 * for the next handlers. ES256 verification costs about a millisecond of CPU, so a verified token's claims are kept
 * until it expires: the same bytes need not be verified twice. One instance per gateway verticle (its event loop).
 */
public final class BearerTokens implements Handler<RoutingContext> {

  /** The key under which a request's verified token claims are kept. */
  public static final String CLAIMS = "tokenClaims";
  private static final String PREFIX = "Bearer ";
  private static final int MAX_ENTRIES = 10_000;

  private final Tokens tokens;
  private final Map<String, JsonObject> verified = new HashMap<>();

  public BearerTokens(Tokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      ctx.fail(401);
      return;
    }
    String token = header.substring(PREFIX.length()).trim();
    JsonObject claims = verified.get(token);
    if (claims != null && claims.getLong("exp", 0L) > System.currentTimeMillis() / 1000) {
      proceed(ctx, claims);
      return;
    }
    verified.remove(token);
    tokens.verify(token).onSuccess(checked -> {
      if (verified.size() >= MAX_ENTRIES) {
        verified.clear();
      }
      verified.put(token, checked);
      proceed(ctx, checked);
    }).onFailure(e -> ctx.fail(401));
  }

  private static void proceed(RoutingContext ctx, JsonObject claims) {
    ctx.put(CLAIMS, claims);
    ctx.next();
  }
}
