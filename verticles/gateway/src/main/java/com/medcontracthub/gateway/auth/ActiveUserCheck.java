package com.medcontracthub.gateway.auth;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.gateway.Replies;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * After the token's signature and dates: is its user still there with the same token version? A removed user's
 * tokens, or tokens issued before a revocation, stop working on the next request.
 */
public final class ActiveUserCheck implements Handler<RoutingContext> {

  private final long timeoutMs;

  public ActiveUserCheck(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject claims = ctx.user().principal();
    JsonObject request = new JsonObject().put("userId", claims.getString("sub")).put("tokenVersion", claims.getValue("ver"));
    ctx.vertx().eventBus().<JsonObject>request(Addresses.IDENTITY_CHECK, request, Replies.options(ctx, timeoutMs))
        .onSuccess(reply -> {
          ctx.put(Replies.PRINCIPAL, reply.body());
          ctx.next();
        })
        .onFailure(failure -> Replies.failure(ctx, failure));
  }
}
