package com.medcontracthub.platform.auth;

import com.medcontracthub.codecs.request.LoginFields;
import com.medcontracthub.codecs.request.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;

/**
 * Issues and checks the API's bearer tokens: ES256, issuer and audience fixed, a lifetime from
 * {@code auth.token-ttl-seconds}. Claims: {@code sub} (user id), {@code tenant}, {@code role}, {@code ver} (the
 * user's token version, bumped to revoke).
 */
public final class Tokens {

  public static final String ISSUER = "medcontracthub";
  public static final String AUDIENCE = "medcontracthub-api";

  private final Vertx vertx;
  private final int ttlSeconds;
  private JWTAuth jwt;

  public Tokens(Vertx vertx, JWTAuthOptions keys, int ttlSeconds) {
    this.vertx = vertx;
    this.ttlSeconds = ttlSeconds;
    use(keys);
  }

  /** Signs and verifies with these keys from now on (a key rotated, or a retired one whose time ended). */
  public void use(JWTAuthOptions keys) {
    jwt = JWTAuth.create(vertx, keys.setJWTOptions(new JWTOptions().setIssuer(ISSUER).setAudience(List.of(AUDIENCE))));
  }

  /** @param principal {@code {"userId", "tenantId", "role", "tokenVersion"}} as the identity service answers it */
  public String issue(JsonObject principal) {
    return jwt.generateToken(new JsonObject()
            .put("tenant", principal.getString(Principal.TENANT_ID))
            .put("role", principal.getString(Principal.ROLE))
            .put("ver", principal.getInteger(LoginFields.TOKEN_VERSION)),
        new JWTOptions().setAlgorithm(JwtKeys.ALGORITHM).setExpiresInSeconds(ttlSeconds)
            .setSubject(principal.getString(Principal.USER_ID)).setIssuer(ISSUER).setAudience(List.of(AUDIENCE)));
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  /**
   * All the claims of a token that is well signed, current and ours ({@code exp} included, which the user's
   * principal leaves out); a failed future otherwise.
   */
  public Future<JsonObject> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(user -> user.attributes().getJsonObject("accessToken"));
  }
}
