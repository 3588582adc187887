package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The openid-connect plugin against Keycloak, an identity provider nobody here wrote: its RS256 tokens, its discovery
 * document and JWK Set, its key rotation. Every token comes from Keycloak's token endpoint or is one of Keycloak's
 * tokens altered as an attacker would.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The openid-connect plugin, with Keycloak as the identity provider")
class OpenIdConnectTest {

  /** The realm whose tokens the gateway accepts; a partner realm of the same server; a realm whose keys rotate. */
  private static final String REALM = "capture";
  private static final String PARTNER = "partner";
  private static final String ROTATING = "rotating";
  private static final String AUDIENCE = "mch-api";
  private static final String SECRET = "client-secret";

  private static Keycloak keycloak;

  @TempDir
  Path dir;

  @BeforeAll
  static void keycloak(Vertx vertx) throws IOException {
    keycloak = Keycloak.start(vertx);
    keycloak.createRealm(realm(REALM))
        .compose(v -> keycloak.createRealm(realm(PARTNER)))
        .compose(v -> keycloak.createRealm(realm(ROTATING)))
        .await();
  }

  @AfterAll
  static void stop() {
    if (keycloak != null) {
      keycloak.stop();
    }
  }

  /**
   * A realm as an operator sets one up for the API: a confidential client whose tokens name the API as audience and
   * may carry the {@code opportunities:read} scope, the same with one-second tokens, a client whose tokens are meant
   * for something else, and a user.
   */
  private static JsonObject realm(String name) {
    String audience = """
        {"name": "audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
         "config": {"included.custom.audience": "%s", "access.token.claim": "true"}}""".formatted(AUDIENCE);
    String client = """
        {"clientId": "%s", "secret": "%s", "publicClient": false, "standardFlowEnabled": false,
         "directAccessGrantsEnabled": true, "serviceAccountsEnabled": true,
         "optionalClientScopes": ["opportunities:read"], "attributes": {%s}, "protocolMappers": [%s]}""";
    return new JsonObject("""
        {"realm": "%s", "enabled": true,
         "clientScopes": [{"name": "opportunities:read", "protocol": "openid-connect",
                           "attributes": {"include.in.token.scope": "true"}}],
         "clients": [%s, %s, %s],
         "users": [{"username": "casey", "enabled": true, "email": "casey@example.com", "emailVerified": true,
                    "firstName": "Casey", "lastName": "Buyer",
                    "credentials": [{"type": "password", "value": "casey-password", "temporary": false}]}]}
        """.formatted(name,
        client.formatted("capture-app", SECRET, "", audience),
        client.formatted("short-lived-app", SECRET, "\"access.token.lifespan\": \"1\"", audience),
        client.formatted("reporting-app", SECRET, "", "")));
  }

  private static Map<String, String> clientCredentials(String client, String scope) {
    Map<String, String> grant = new LinkedHashMap<>(Map.of("grant_type", "client_credentials", "client_id", client,
        "client_secret", SECRET));
    if (scope != null) {
      grant.put("scope", scope);
    }
    return grant;
  }

  private static Map<String, String> casey() {
    return Map.of("grant_type", "password", "client_id", "capture-app", "client_secret", SECRET,
        "username", "casey", "password", "casey-password", "scope", "openid");
  }

  private static JsonObject part(String token, int index) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8));
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String outcome(String name, HttpResponse<Buffer> response) {
    return name + ": " + response.statusCode()
        + (response.statusCode() == 200 ? "" : " " + response.bodyAsJsonObject().getString("detail"));
  }

  @Test
  @DisplayName("accepts Keycloak's login and client tokens; refuses tokens from another host name's issuer, another "
      + "realm, another audience, an expired one, alg none, a tampered one and HS256 signed with the published key; "
      + "checks scopes")
  void verifies(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    Map<String, Future<String>> asked = new LinkedHashMap<>();
    asked.put("short-lived", keycloak.token(REALM, clientCredentials("short-lived-app", null)));
    asked.put("login", keycloak.token(REALM, casey()));
    asked.put("client", keycloak.token(REALM, clientCredentials("capture-app", null)));
    asked.put("scoped", keycloak.token(REALM, clientCredentials("capture-app", "opportunities:read")));
    // Keycloak names its issuer after the host it was asked at: a login made through another name of the server
    asked.put("other host", keycloak.token("localhost", REALM, clientCredentials("capture-app", null)));
    asked.put("partner", keycloak.token(PARTNER, clientCredentials("capture-app", null)));
    asked.put("reporting", keycloak.token(REALM, clientCredentials("reporting-app", null)));
    Future<JsonObject> published = keycloak.jwks(REALM);
    List<String> outcomes = new ArrayList<>();

    Future.all(new ArrayList<>(asked.values())).compose(all -> published).compose(jwks -> {
      Map<String, String> token = new LinkedHashMap<>();
      asked.forEach((name, future) -> token.put(name, future.result()));
      String login = token.get("login");
      String[] parts = login.split("\\.");
      JsonObject rsaKey = jwks.getJsonArray("keys").stream().map(JsonObject.class::cast)
          .filter(key -> "RS256".equals(key.getString("alg"))).findFirst().orElseThrow();
      Map<String, String> sent = new LinkedHashMap<>();
      sent.put("a user's password login", login);
      sent.put("a service's client credentials", token.get("client"));
      sent.put("the realm asked at another host name", token.get("other host"));
      sent.put("another realm of the same server", token.get("partner"));
      sent.put("a client whose tokens are for another API", token.get("reporting"));
      sent.put("expired", token.get("short-lived"));
      sent.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
      sent.put("tampered", parts[0] + "." + b64(part(login, 1).put("preferred_username", "admin").encode()) + "."
          + parts[2]);
      sent.put("HS256 with the published key as secret", JWTAuth.create(vertx, new JWTAuthOptions()
              .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(rsaKey.encode()))))
          .generateToken(part(login, 1), new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true)
              .setHeader(new JsonObject().put("kid", rsaKey.getString("kid")))));
      sent.put("scoped, on the scoped route", token.get("scoped"));
      sent.put("unscoped, on the scoped route", token.get("client"));
      // Keycloak's own expiry: wait until the short-lived token's exp has passed
      long expiresInMs = part(token.get("short-lived"), 1).getLong("exp") * 1000 - System.currentTimeMillis() + 1000;
      return vertx.timer(Math.max(1, expiresInMs)).compose(t -> fixture.gateway("""
              _format_version: "3.0"
              services:
                - name: echo
                  url: UPSTREAM/base
                  routes:
                    - {name: api, paths: [/api]}
                    - name: scoped
                      paths: [/scoped]
                      plugins:
                        - name: openid-connect
                          config: {issuer: "ISSUER", audience_required: [AUDIENCE],
                                   scopes_required: ["opportunities:read"]}
                  plugins:
                    - name: openid-connect
                      config: {issuer: "ISSUER/.well-known/openid-configuration", audience_required: [AUDIENCE]}
              """.replace("ISSUER", keycloak.issuer(REALM)).replace("AUDIENCE", AUDIENCE)))
          .compose(gateway -> {
            List<Map.Entry<String, String>> tried = new ArrayList<>(sent.entrySet());
            int[] next = {0};
            return GatewayFixture.sequentially(tried.size(), () -> {
              Map.Entry<String, String> one = tried.get(next[0]++);
              String path = one.getKey().endsWith("scoped route") ? "/scoped" : "/api";
              return gateway.get(path).bearerTokenAuthentication(one.getValue()).send()
                  .onSuccess(response -> outcomes.add(outcome(one.getKey(), response)));
            });
          });
    }).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertEquals(List.of(
          "a user's password login: 200",
          "a service's client credentials: 200",
          "the realm asked at another host name: 401 the token comes from another issuer",
          "another realm of the same server: 401 the token was signed with a key the issuer does not publish",
          "a client whose tokens are for another API: 403 the token is not meant for this audience",
          "expired: 401 the token has expired",
          "alg none: 401 the token's algorithm none is not accepted",
          "tampered: 401 invalid signature",
          "HS256 with the published key as secret: 401 the token's algorithm HS256 is not accepted",
          "scoped, on the scoped route: 200",
          "unscoped, on the scoped route: 403 the token lacks the required scopes"), outcomes);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("reads Keycloak's JWK Set once for many requests, and tokens naming keys it does not publish do not "
      + "make it read the set again before rediscovery_lifetime")
  void keepsKeys(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    long[] readsBefore = new long[1];
    int[] accepted = {0};
    int[] refused = {0};
    Future<String> ours = keycloak.token(REALM, clientCredentials("capture-app", null));
    Future<String> partners = keycloak.token(PARTNER, clientCredentials("capture-app", null));
    Future.all(ours, partners)
        .compose(tokens -> keycloak.jwksReads()).onSuccess(reads -> readsBefore[0] = reads)
        .compose(reads -> fixture.gateway(KongFiles.openIdConnectApi(
            "{issuer: \"%s\", audience_required: [%s]}".formatted(keycloak.issuer(REALM), AUDIENCE))))
        .compose(gateway -> GatewayFixture.sequentially(30, () -> {
          boolean partner = (accepted[0] + refused[0]) % 3 == 2;
          return gateway.get("/api").bearerTokenAuthentication(partner ? partners.result() : ours.result()).send()
              .onSuccess(response -> {
                if (response.statusCode() == 200) {
                  accepted[0]++;
                } else {
                  refused[0]++;
                }
              });
        }))
        .compose(v -> keycloak.jwksReads())
        .onComplete(ctx.succeeding(readsAfter -> ctx.verify(() -> {
          assertEquals("20 accepted, 10 refused, the JWK Set read 1 time(s)",
              accepted[0] + " accepted, " + refused[0] + " refused, the JWK Set read " + (readsAfter - readsBefore[0])
                  + " time(s)");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("follows Keycloak's key rotation: a new key is read at its first token, the old key's tokens work while "
      + "it is published and, once it is withdrawn, are refused after cache_ttl (2 s) but not before (3600 s)")
  void rotation(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    List<String> outcomes = new ArrayList<>();
    String[] kids = new String[2];
    String[] tokens = new String[2];
    Map<String, String> grant = clientCredentials("capture-app", null);
    String config = "{issuer: \"%s\", audience_required: [%s], rediscovery_lifetime: 0, cache_ttl: %d}";
    Future.all(fixture.gateway(KongFiles.openIdConnectApi(config.formatted(keycloak.issuer(ROTATING), AUDIENCE, 3600))),
            fixture.gateway(KongFiles.openIdConnectApi(config.formatted(keycloak.issuer(ROTATING), AUDIENCE, 2))))
        .compose(both -> {
          GatewayClient kept = both.resultAt(0);
          GatewayClient refreshed = both.resultAt(1);
          BiFunction<GatewayClient, Integer, Future<HttpResponse<Buffer>>> ask =
              (gateway, which) -> gateway.get("/api").bearerTokenAuthentication(tokens[which]).send();
          return keycloak.token(ROTATING, grant)
              .compose(old -> {
                tokens[0] = old;
                kids[0] = part(old, 0).getString("kid");
                return Future.all(ask.apply(kept, 0), ask.apply(refreshed, 0));
              })
              .onSuccess(answers -> {
                outcomes.add(outcome("before the rotation, cache_ttl 3600 s", answers.resultAt(0)));
                outcomes.add(outcome("before the rotation, cache_ttl 2 s", answers.resultAt(1)));
              })
              .compose(v -> keycloak.rotate(ROTATING))
              .compose(rotated -> {
                kids[1] = rotated;
                return keycloak.token(ROTATING, grant);
              })
              .compose(fresh -> {
                tokens[1] = fresh;
                outcomes.add("signed with the new key: " + kids[1].equals(part(fresh, 0).getString("kid")));
                // cache_ttl 3600: only the unknown key id can make this gateway read the set again
                return ask.apply(kept, 1);
              })
              .onSuccess(response -> outcomes.add(outcome("the new key's token", response)))
              .compose(v -> ask.apply(kept, 0))
              .onSuccess(response -> outcomes.add(outcome("the old key's token, still published", response)))
              .compose(v -> keycloak.withdraw(ROTATING, kids[0]))
              .compose(v -> Eventually.untilTrue(vertx, () -> ask.apply(refreshed, 0).map(response -> {
                if (response.statusCode() == 200) {
                  return false;
                }
                outcomes.add(outcome("withdrawn, after cache_ttl 2 s", response));
                return true;
              }), 15_000, "the withdrawn key's token refused within 15 s of a 2 s cache_ttl"))
              .compose(v -> ask.apply(kept, 0))
              .onSuccess(response -> outcomes.add(outcome("withdrawn, within cache_ttl 3600 s", response)))
              .compose(v -> ask.apply(refreshed, 1))
              .onSuccess(response -> outcomes.add(outcome("the new key's token after that", response)));
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(
              "before the rotation, cache_ttl 3600 s: 200",
              "before the rotation, cache_ttl 2 s: 200",
              "signed with the new key: true",
              "the new key's token: 200",
              "the old key's token, still published: 200",
              "withdrawn, after cache_ttl 2 s: 401 the token was signed with a key the issuer does not publish",
              "withdrawn, within cache_ttl 3600 s: 200",
              "the new key's token after that: 200"), outcomes);
          ctx.completeNow();
        })));
  }
}
