package com.medcontracthub.gateway.auth;

import com.medcontracthub.gateway.Replies;
import com.medcontracthub.platform.auth.ActiveUsers;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * After {@link BearerTokens}: the token's user must still be there with that token version ({@link ActiveUsers}); a
 * removed user's tokens, or tokens issued before a revocation, stop working on the next request.
 */
public final class ActiveUserCheck implements Handler<RoutingContext> {

  private final ActiveUsers users;
  private final long timeoutMs;

  public ActiveUserCheck(ActiveUsers users, long timeoutMs) {
    this.users = users;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject claims = ctx.get(BearerTokens.CLAIMS);
    users.principal(claims, Replies.options(ctx, timeoutMs)).onSuccess(principal -> {
      ctx.put(Replies.PRINCIPAL, principal);
      ctx.next();
    }).onFailure(failure -> Replies.failure(ctx, failure));
  }
}
