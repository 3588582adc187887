package com.medcontracthub.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Lets a request on with its principal ({@link Replies#PRINCIPAL}) when {@link ProductLogins} knows it. */
public final class ProductLoginHandler implements Handler<RoutingContext> {

  private final ProductLogins logins;

  public ProductLoginHandler(ProductLogins logins) {
    this.logins = logins;
  }

  @Override
  public void handle(RoutingContext ctx) {
    logins.principal(ctx).onSuccess(principal -> {
      ctx.put(Replies.PRINCIPAL, principal);
      ctx.next();
    }).onFailure(failure -> Replies.failure(ctx, failure));
  }
}
