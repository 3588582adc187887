package com.medcontracthub.platform.auth;

import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way an entry point (the REST API, the SockJS and TCP bridges) gets the product's logins: the signing keys
 * (made on first start, read on a worker thread), the token signer, the public keys as a JWK Set, and the
 * {@link Logins} check with its revocation listener registered. Make one per verticle, on its event loop: the keys are
 * read again every {@code auth.key-check-ms}, so a rotated key is taken up, and a retired one dropped once its time
 * has ended, without a restart (the timer ends with the verticle).
 */
public record Authentication(Tokens tokens, Supplier<JsonObject> jwks, Logins logins) {

  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

  public static Future<Authentication> start(Vertx vertx, MchConfig config) {
    ActiveUsers users = new ActiveUsers(vertx);
    return Future.all(vertx.executeBlocking(() -> JwtKeys.load(config)), users.listen()).map(ready -> {
      AtomicReference<JwtKeys.Keys> inUse = new AtomicReference<>(ready.resultAt(0));
      Tokens tokens = new Tokens(vertx, inUse.get().options(), config.auth().tokenTtlSeconds());
      vertx.setPeriodic(config.auth().keyCheckMs(), id -> vertx.executeBlocking(() -> JwtKeys.load(config))
          .onSuccess(keys -> {
            if (!keys.inEffect().equals(inUse.get().inEffect())) {
              LOG.info("signing keys now {} (current first), were {}", keys.inEffect(), inUse.get().inEffect());
              inUse.set(keys);
              tokens.use(keys.options());
            }
          })
          .onFailure(e -> LOG.warn("signing keys not read again, the ones in use stay: {}", e.getMessage())));
      return new Authentication(tokens, () -> inUse.get().jwks(), new Logins(new VerifiedTokens(tokens), users));
    });
  }
}
