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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenID Connect issuer's identity and signing keys: discovered from {@code <issuer>/.well-known/openid-configuration}
 * (or the discovery document's own URL, as Kong also takes it), the JWK Set fetched from its {@code jwks_uri} and kept,
 * read again after {@code cacheTtlSeconds} so that a key the issuer withdrew stops being trusted; a token signed with
 * a key id the set does not hold makes it read the set sooner (the issuer rotated its keys), at most once per
 * {@code rediscoverySeconds}, so that made-up key ids cannot make every request reach the issuer.
 */
final class IssuerKeys {

  private static final Logger LOG = LoggerFactory.getLogger(IssuerKeys.class);
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
  private final Warnings warnings = new Warnings(LOG);
  /** The last set read, served while a newer one is read; null until the first read succeeds. */
  private Published current;
  /** A read in flight, or null: one at a time, whatever the requests. */
  private Future<Published> fetching;
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
   * The keys to verify a token signed with {@code keyId}. Until the first set is read, requests wait for it. A key id
   * the set does not hold makes the request wait for the set to be read again, once {@code rediscoverySeconds} have
   * passed since the last read (the kept set answers if that read fails). A set older than the cache's lifetime is
   * read again in the background while requests go on with it, so an issuer that is slow or down holds up no request.
   */
  synchronized Future<Published> keysFor(String keyId) {
    long now = System.currentTimeMillis();
    if (current == null) {
      return fetching != null ? fetching : refresh(now);
    }
    if (keyId != null && !current.keyIds().contains(keyId) && now - fetchedAt >= rediscoveryMs) {
      Published kept = current;
      return (fetching != null ? fetching : refresh(now)).otherwise(kept);
    }
    if (now - fetchedAt >= cacheTtlMs && fetching == null) {
      refresh(now);
    }
    return Future.succeededFuture(current);
  }

  /** Reads the set; it replaces the kept one when it arrives. */
  private Future<Published> refresh(long now) {
    fetchedAt = now;
    Future<Published> read = fetch();
    fetching = read;
    read.onComplete(done -> {
      synchronized (this) {
        fetching = null;
        if (done.succeeded()) {
          current = done.result();
        } else if (current != null) {
          warnings.warn("openid-connect: {} cannot be read, the keys read before are kept for another cache_ttl: {}",
              discoveryUrl, done.cause().toString());
        }
      }
    });
    return read;
  }

  void close() {
    http.close();
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
