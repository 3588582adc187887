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
 * An OpenID Connect issuer's identity and signing keys: discovered from {@code <issuer>/.well-known/openid-configuration}
 * (or the discovery document's own URL, as Kong also takes it), the JWK Set fetched from its {@code jwks_uri} and kept
 * for {@code cacheTtlSeconds}, so that a key the issuer withdrew stops being trusted; a token signed with a key id the
 * set does not hold makes it fetch the set sooner (the issuer rotated its keys), at most once per
 * {@code rediscoverySeconds}, so that made-up key ids cannot make every request reach the issuer.
 */
final class IssuerKeys {

  private static final String DISCOVERY = "/.well-known/openid-configuration";

  /** What the issuer published, ready to verify with. */
  record Published(String issuer, Set<String> keyIds, JWTAuth verifier) {
  }

  private final Vertx vertx;
  private final HttpClient http;
  private final String discoveryUrl;
  private final String issuerUrl;
  private final long timeoutMs;
  private final long rediscoveryMs;
  private final long cacheTtlMs;
  private Future<Published> published;
  private long fetchedAt;

  IssuerKeys(Vertx vertx, String issuer, long timeoutMs, long rediscoverySeconds, long cacheTtlSeconds,
      boolean verifyTls) {
    this.vertx = vertx;
    this.http = vertx.createHttpClient(new HttpClientOptions().setTrustAll(!verifyTls).setVerifyHost(verifyTls));
    String url = issuer.replaceAll("/+$", "");
    this.issuerUrl = url.endsWith(DISCOVERY) ? url.substring(0, url.length() - DISCOVERY.length()) : url;
    this.discoveryUrl = issuerUrl + DISCOVERY;
    this.timeoutMs = timeoutMs;
    this.rediscoveryMs = rediscoverySeconds * 1000;
    this.cacheTtlMs = cacheTtlSeconds * 1000;
  }

  /**
   * The keys, fetched again first when they are older than the cache's lifetime, or when {@code keyId} is unknown and
   * the last fetch is old enough.
   */
  synchronized Future<Published> keysFor(String keyId) {
    long now = System.currentTimeMillis();
    boolean stale = published == null || published.failed()
        || (published.succeeded() && now - fetchedAt >= cacheTtlMs)
        || (published.succeeded() && keyId != null && !published.result().keyIds().contains(keyId)
            && now - fetchedAt >= rediscoveryMs);
    if (stale) {
      fetchedAt = now;
      published = fetch();
    }
    return published;
  }

  private Future<Published> fetch() {
    return get(discoveryUrl).compose(discovery -> {
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
