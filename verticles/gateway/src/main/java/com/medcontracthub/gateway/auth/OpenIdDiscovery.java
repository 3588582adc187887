package com.medcontracthub.gateway.auth;

import com.medcontracthub.platform.auth.Tokens;
import com.medcontracthub.platform.auth.JwtKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * What another verifier needs to check this gateway's tokens itself (OpenID Connect discovery): the issuer, and the
 * public keys as a JWK Set at {@code /.well-known/jwks.json} (the current key and the retired ones still honoured, as
 * they are now). Any gateway's {@code openid-connect} plugin — or any
 * other OIDC-aware proxy — pointed at this gateway then accepts its tokens without sharing a secret.
 */
public final class OpenIdDiscovery {

  public static final String CONFIGURATION = "/.well-known/openid-configuration";
  public static final String JWKS = "/.well-known/jwks.json";

  private OpenIdDiscovery() {
  }

  public static void mount(Router router, Supplier<JsonObject> jwks) {
    router.get(CONFIGURATION).handler(ctx -> json(ctx, new JsonObject()
        .put("issuer", Tokens.ISSUER)
        .put("jwks_uri", ctx.request().scheme() + "://" + ctx.request().authority() + JWKS)
        .put("id_token_signing_alg_values_supported", new JsonArray().add(JwtKeys.ALGORITHM))
        .put("subject_types_supported", new JsonArray().add("public"))
        .put("claims_supported", new JsonArray().add("sub").add("tenant").add("role").add("aud").add("exp"))
        .encode()));
    router.get(JWKS).handler(ctx -> json(ctx, jwks.get().encode()));
  }

  private static void json(RoutingContext ctx, String body) {
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "public, max-age=300")
        .end(body);
  }
}
