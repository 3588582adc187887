package com.medcontracthub.platform.auth;

import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The one way an entry point (the REST API, the SockJS and TCP bridges) gets the product's logins: the signing keys
 * (made on first start, read on a worker thread), the token signer, the public keys as a JWK Set, and the
 * {@link Logins} check with its revocation listener registered. Make one per verticle, on its event loop.
 */
public record Authentication(Tokens tokens, JsonObject jwks, Logins logins) {

  public static Future<Authentication> start(Vertx vertx, MchConfig config) {
    ActiveUsers users = new ActiveUsers(vertx);
    return Future.all(vertx.executeBlocking(() -> JwtKeys.load(config)), users.listen()).map(ready -> {
      JwtKeys.Keys keys = ready.resultAt(0);
      Tokens tokens = new Tokens(vertx, keys.options(), config.auth().tokenTtlSeconds());
      return new Authentication(tokens, keys.jwks(), new Logins(new VerifiedTokens(tokens), users));
    });
  }
}
