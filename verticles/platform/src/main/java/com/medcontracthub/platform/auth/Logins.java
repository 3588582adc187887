package com.medcontracthub.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Who a login token belongs to, checked alike wherever one arrives (the REST API, the SockJS and TCP bridges): our
 * signature, issuer, audience and dates ({@link VerifiedTokens}), then the user must still be there with that token
 * version ({@link ActiveUsers}) — a removed user's tokens, or tokens issued before a revocation, stop working at once.
 * Both remember their answers, so a burst of requests or a reconnect storm costs one verification per token.
 */
public final class Logins {

  /** A token that passed: its claims, and its user's principal {@code {"userId", "tenantId", "role"}}. */
  public record Login(JsonObject claims, JsonObject principal) {

    /** When the token stops being good (epoch milliseconds). */
    public long expiresAtMs() {
      return claims.getLong("exp") * 1000;
    }
  }

  /** The token itself was refused: not ours, altered, expired or not yet valid. */
  public static final class InvalidToken extends VertxException {

    InvalidToken(Throwable cause) {
      super(cause.getMessage(), true);
    }
  }

  private final VerifiedTokens tokens;
  private final ActiveUsers users;

  public Logins(VerifiedTokens tokens, ActiveUsers users) {
    this.tokens = tokens;
    this.users = users;
  }

  /**
   * @param identityCall the delivery options of the identity service's check (timeout, correlation id)
   * @return the login, or a failure: {@link InvalidToken}, or the identity service's refusal (401 when the user is gone)
   */
  public Future<Login> check(String token, DeliveryOptions identityCall) {
    return tokens.claims(token).recover(e -> Future.failedFuture(new InvalidToken(e)))
        .compose(claims -> users.principal(claims, identityCall).map(principal -> new Login(claims, principal)));
  }
}
