package com.medcontracthub.gateway.extensions;

import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.http.ProductLogins;
import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.Plugin;
import com.medcontracthub.platform.http.Replies;
import io.vertx.core.Future;

/**
 * {@code mch-auth} (no fields): the product's own login ({@link ProductLogins}: a bearer token from
 * {@code POST /api/v1/auth/login}, its user still active). An {@code eventbus://} service gets the principal
 * {@code {"userId", "tenantId", "role"}}; an {@code http(s)://} upstream gets it as {@code X-Authenticated-Userid}
 * (Kong's header for an authenticated user), {@code X-Authenticated-Tenant} and {@code X-Authenticated-Role}. The user
 * id is the exchange's {@link Exchange#authenticatedUser()}: Kong's {@code rate-limiting} counts by it.
 */
final class MchAuthPlugin implements Plugin {

  static final ConfigSchema SCHEMA = ConfigSchema.builder().build();

  private final ProductLogins logins;

  MchAuthPlugin(ProductLogins logins) {
    this.logins = logins;
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    return logins.principal(exchange.ctx()).map(principal -> {
      exchange.ctx().put(Replies.PRINCIPAL, principal);
      exchange.authenticatedUser(principal.getString(Principal.USER_ID));
      exchange.upstreamHeaders().set("X-Authenticated-Userid", principal.getString(Principal.USER_ID))
          .set("X-Authenticated-Tenant", principal.getString(Principal.TENANT_ID))
          .set("X-Authenticated-Role", principal.getString(Principal.ROLE));
      return true;
    }).recover(failure -> {
      Replies.failure(exchange.ctx(), failure);
      return Future.succeededFuture(false);
    });
  }
}
