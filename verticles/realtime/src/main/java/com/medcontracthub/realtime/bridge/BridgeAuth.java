package com.medcontracthub.realtime.bridge;

import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.auth.Logins;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;

/** A bridge socket's bearer token, checked like the REST API's ({@link Logins}). */
public final class BridgeAuth {

  /** A principal and when its token stops being good. */
  record Authenticated(Principal principal, long expiresAtMs) {

    boolean expired() {
      return System.currentTimeMillis() >= expiresAtMs;
    }
  }

  private final Logins logins;
  private final long timeoutMs;

  public BridgeAuth(Logins logins, long timeoutMs) {
    this.logins = logins;
    this.timeoutMs = timeoutMs;
  }

  Future<Authenticated> authenticate(String token) {
    return logins.check(token, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(login -> new Authenticated(Principal.fromJson(login.principal()), login.expiresAtMs()));
  }
}
