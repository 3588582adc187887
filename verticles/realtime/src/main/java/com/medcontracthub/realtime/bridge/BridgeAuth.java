package com.medcontracthub.realtime.bridge;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.platform.auth.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * A bridge socket's bearer token, checked like the REST API's: our signature, issuer, audience and dates
 * ({@link Tokens}), then the identity service confirms the user is still there with that token version.
 */
public final class BridgeAuth {

  /** A principal and when its token stops being good. */
  record Authenticated(Principal principal, long expiresAtMs) {

    boolean expired() {
      return System.currentTimeMillis() >= expiresAtMs;
    }
  }

  private final Vertx vertx;
  private final Tokens tokens;
  private final long timeoutMs;

  public BridgeAuth(Vertx vertx, Tokens tokens, long timeoutMs) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.timeoutMs = timeoutMs;
  }

  Future<Authenticated> authenticate(String token) {
    return tokens.verify(token).compose(claims -> vertx.eventBus()
        .<JsonObject>request(Addresses.IDENTITY_CHECK, new JsonObject().put("userId", claims.getString("sub"))
            .put("tokenVersion", claims.getValue("ver")), new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(reply -> new Authenticated(Principal.of(reply.body()), claims.getLong("exp") * 1000)));
  }
}
