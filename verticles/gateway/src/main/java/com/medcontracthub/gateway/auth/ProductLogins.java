package com.medcontracthub.gateway.auth;

import com.medcontracthub.gateway.Replies;
import com.medcontracthub.platform.auth.ActiveUsers;
import com.medcontracthub.platform.auth.VerifiedTokens;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Who a request is, by the product's login token: {@code Authorization: Bearer <token>} with a token this gateway
 * signed ({@link VerifiedTokens}), whose user is still there with that token version ({@link ActiveUsers}) — a removed
 * user's tokens, or tokens issued before a revocation, stop working on the next request. One instance per gateway
 * verticle (its event loop); serves the code's routes ({@link ProductLoginHandler}) and the declarative file's
 * ({@code mch-auth}).
 */
public final class ProductLogins {

  public static final String REQUIRED = "a valid bearer token is required (POST /api/v1/auth/login gives one)";
  private static final String PREFIX = "Bearer ";

  private final VerifiedTokens tokens;
  private final ActiveUsers users;
  private final long timeoutMs;

  public ProductLogins(VerifiedTokens tokens, ActiveUsers users, long timeoutMs) {
    this.tokens = tokens;
    this.users = users;
    this.timeoutMs = timeoutMs;
  }

  /**
   * @return the principal {@code {"userId", "tenantId", "role"}} of the request, or a failure with the HTTP status to
   *     answer (401 without a valid token; see {@link Replies#failure})
   */
  public Future<JsonObject> principal(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Future.failedFuture(refused());
    }
    return tokens.claims(authorization.substring(PREFIX.length()).trim())
        .recover(e -> Future.failedFuture(refused()))
        .compose(claims -> users.principal(claims, Replies.options(ctx, timeoutMs)));
  }

  private static ReplyException refused() {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 401, REQUIRED);
  }
}
