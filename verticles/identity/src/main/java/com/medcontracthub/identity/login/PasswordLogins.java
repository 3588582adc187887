package com.medcontracthub.identity.login;

import static com.medcontracthub.platform.bus.Consumers.uuidOrNull;

import com.medcontracthub.codecs.request.LoginFields;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.identity.accounts.Passwords;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.platform.bus.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Logins by email and password (throttled per address: 429 once too many failed) and the checks of issued tokens
 * (401 when the user is gone or the token's version was revoked). Password hashes are compared on a worker thread.
 */
public final class PasswordLogins {

  private final Vertx vertx;
  private final IdentityStore store;
  private final LoginThrottle throttle;

  public PasswordLogins(Vertx vertx, IdentityStore store, LoginThrottle throttle) {
    this.vertx = vertx;
    this.store = store;
    this.throttle = throttle;
  }

  /** @return the user's principal with the token version to sign, or a refusal (400, 401, 429) */
  public Future<JsonObject> login(JsonObject request) {
    if (!(request.getValue(LoginFields.EMAIL) instanceof String email)
        || !(request.getValue(LoginFields.PASSWORD) instanceof String password)) {
      return Future.failedFuture(new Refusal(400, "email and password are required"));
    }
    return throttle.retryAfter(email).compose(wait -> {
      if (wait > 0) {
        return Future.failedFuture(new Refusal(429, "too many failed logins for this address; try again in " + wait + " s"));
      }
      return store.activeByEmail(email).compose(account -> vertx.executeBlocking(
              () -> Passwords.matches(password, account.map(IdentityStore.Account::passwordHash).orElse(null)))
          .compose(ok -> ok
              ? throttle.clear(email).map(v -> account.get().principal())
              : throttle.recordFailure(email).compose(v -> Future.failedFuture(
                  new Refusal(401, "email or password is wrong")))));
    });
  }

  /** @return the principal of a token's user at the token's version, or a 401 refusal */
  public Future<JsonObject> check(JsonObject request) {
    Object version = request.getValue(LoginFields.TOKEN_VERSION);
    UUID userId = uuidOrNull(request.getString(Principal.USER_ID));
    if (userId == null || !(version instanceof Number n)) {
      return Future.failedFuture(new Refusal(401, "the token does not name a user"));
    }
    return store.principal(userId, n.intValue()).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new Refusal(401, "this token is no longer valid; log in again"))));
  }
}
