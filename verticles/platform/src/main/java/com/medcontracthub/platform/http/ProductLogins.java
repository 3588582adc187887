package com.medcontracthub.platform.http;

import com.medcontracthub.platform.auth.Logins;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Who a request is, by the product's login token in {@code Authorization: Bearer <token>}, checked by {@link Logins}.
 * One instance per gateway verticle (its event loop); serves the code's routes ({@link ProductLoginHandler}) and the
 * declarative files' ({@code mch-auth}).
 */
public final class ProductLogins {

  public static final String REQUIRED = "a valid bearer token is required (POST /api/v1/auth/login gives one)";
  private static final String PREFIX = "Bearer ";

  private final Logins logins;
  private final long timeoutMs;

  public ProductLogins(Logins logins, long timeoutMs) {
    this.logins = logins;
    this.timeoutMs = timeoutMs;
  }

  /** The token checks themselves, for entry points that are not HTTP requests (a bridge socket's frames). */
  public Logins logins() {
    return logins;
  }

  /**
   * @return the principal ({@link com.medcontracthub.codecs.request.Principal}'s JSON) of the request, or a failure with the HTTP status to
   *     answer (401 without a valid token; see {@link Replies#failure})
   */
  public Future<JsonObject> principal(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Future.failedFuture(refused());
    }
    return logins.check(authorization.substring(PREFIX.length()).trim(), Replies.options(ctx, timeoutMs))
        .map(Logins.Login::principal)
        .recover(e -> Future.failedFuture(e instanceof Logins.InvalidToken ? refused() : e));
  }

  private static ReplyException refused() {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 401, REQUIRED);
  }
}
