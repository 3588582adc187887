package com.medcontracthub.gateway.engine.plugins;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.HashSet;
import java.util.Set;

/**
 * An OpenID Connect issuer's identity and signing keys: discovered from {@code <issuer>/.well-known/openid-configuration},
 * the JWK Set fetched from its {@code jwks_uri} and kept; a token signed with a key id the set does not hold makes it
 * fetch the set again (the issuer rotated its keys), at most once per {@code rediscoverySeconds}.
 */
final class IssuerKeys {

  /** What the issuer published, ready to verify with. */
  record Published(String issuer, Set<String> keyIds, JWTAuth verifier) {
  }

  private final Vertx vertx;
  private final HttpClient http;
  private final String issuerUrl;
  private final long timeoutMs;
  private final long rediscoveryMs;
  private Future<Published> published;
  private long fetchedAt;

  IssuerKeys(Vertx vertx, String issuerUrl, long timeoutMs, long rediscoverySeconds, boolean verifyTls) {
    this.vertx = vertx;
    this.http = vertx.createHttpClient(new HttpClientOptions().setTrustAll(!verifyTls).setVerifyHost(verifyTls));
    this.issuerUrl = issuerUrl.replaceAll("/+$", "");
    this.timeoutMs = timeoutMs;
    this.rediscoveryMs = rediscoverySeconds * 1000;
  }

  /** The keys, fetched again first when {@code keyId} is unknown and the last fetch is old enough. */
  synchronized Future<Published> keysFor(String keyId) {
    long now = System.currentTimeMillis();
    boolean stale = published == null || published.failed()
        || (published.succeeded() && keyId != null && !published.result().keyIds().contains(keyId)
            && now - fetchedAt >= rediscoveryMs);
    if (stale) {
      fetchedAt = now;
      published = fetch();
    }
    return published;
  }

  private Future<Published> fetch() {
    return get(issuerUrl + "/.well-known/openid-configuration").compose(discovery -> {
      String jwksUri = discovery.getString("jwks_uri");
      if (jwksUri == null) {
        return Future.failedFuture("the issuer's discovery document names no jwks_uri");
      }
      return get(jwksUri).map(jwks -> {
        JsonArray keys = jwks.getJsonArray("keys", new JsonArray());
        Set<String> ids = new HashSet<>();
        JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIgnoreExpiration(true));
        for (int i = 0; i < keys.size(); i++) {
          JsonObject key = keys.getJsonObject(i);
          if ("sig".equals(key.getString("use", "sig")) && key.getString("kid") != null) {
            ids.add(key.getString("kid"));
            options.addJwk(key);
          }
        }
        return new Published(discovery.getString("issuer", issuerUrl), Set.copyOf(ids), JWTAuth.create(vertx, options));
      });
    });
  }

  private Future<JsonObject> get(String url) {
    return http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setTimeout(timeoutMs))
        .compose(request -> request.send())
        .compose(response -> response.statusCode() == 200 ? response.body()
            : Future.failedFuture(url + " answered " + response.statusCode()))
        .map(body -> body.toJsonObject());
  }
}
