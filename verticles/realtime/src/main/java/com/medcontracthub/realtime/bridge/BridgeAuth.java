package com.medcontracthub.realtime.bridge;

import com.medcontracthub.platform.auth.ActiveUsers;
import com.medcontracthub.platform.auth.VerifiedTokens;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * A bridge socket's bearer token, checked like the REST API's: our signature, issuer, audience and dates
 * ({@link VerifiedTokens}), then the user must still be there with that token version ({@link ActiveUsers}). Both
 * remember their answers, so a reconnect storm costs one verification per token, not one per socket.
 */
public final class BridgeAuth {

  /** A principal and when its token stops being good. */
  record Authenticated(Principal principal, long expiresAtMs) {

    boolean expired() {
      return System.currentTimeMillis() >= expiresAtMs;
    }
  }

  private final VerifiedTokens tokens;
  private final ActiveUsers users;
  private final long timeoutMs;

  public BridgeAuth(VerifiedTokens tokens, ActiveUsers users, long timeoutMs) {
    this.tokens = tokens;
    this.users = users;
    this.timeoutMs = timeoutMs;
  }

  Future<Authenticated> authenticate(String token) {
    return tokens.claims(token).compose(claims -> users.principal(claims, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(principal -> new Authenticated(Principal.of(principal), claims.getLong("exp") * 1000)));
  }
}
