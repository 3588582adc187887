package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The openid-connect plugin with a real issuer: an HTTP server publishes its discovery document and JWK Set, a gateway
 * verifies tokens against them.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The openid-connect plugin")
class OpenIdConnectTest {

  @TempDir
  Path dir;

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String sign(JWTAuth signer, JsonObject claims) {
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true));
  }

  private static JsonObject claims(String iss, String aud, long expIn) {
    return new JsonObject().put("iss", iss).put("aud", aud).put("sub", "user-1")
        .put("exp", System.currentTimeMillis() / 1000 + expIn);
  }

  @Test
  @DisplayName("accepts the issuer's own tokens; refuses another issuer, audience, key, algorithm, expiry or a "
      + "tampered token; checks scopes")
  void verifies(Vertx vertx, VertxTestContext ctx) throws Exception {
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    TestIssuer issuer = TestIssuer.start(vertx).await();
    JWTAuth issuerKey = issuer.signer;
    // as an identity provider signs a login: its issuer and audience, a subject, an expiry and the time of issue
    String real = issuerKey.generateToken(claims(TestIssuer.ISSUER, TestIssuer.AUDIENCE, 600).put("tenantId", "t-1")
        .put("role", "member"), new JWTOptions().setAlgorithm("ES256"));

    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair other = generator.generateKeyPair();
    JWTAuth otherKey = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm("ES256").setId("rotated-away").setBuffer("-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(other.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n")));
    String[] parts = real.split("\\.");

    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("the issuer's login token", real);
    tokens.put("another issuer", sign(issuerKey, claims("someone-else", TestIssuer.AUDIENCE, 600)));
    tokens.put("another audience", sign(issuerKey, claims(TestIssuer.ISSUER, "another-api", 600)));
    tokens.put("expired", sign(issuerKey, claims(TestIssuer.ISSUER, TestIssuer.AUDIENCE, -60)));
    tokens.put("an unpublished key", sign(otherKey, claims(TestIssuer.ISSUER, TestIssuer.AUDIENCE, 600)));
    tokens.put("alg none", b64("{\"alg\":\"none\"}") + "." + parts[1] + ".");
    tokens.put("tampered", parts[0] + "." + b64(claims(TestIssuer.ISSUER, TestIssuer.AUDIENCE, 600).put("role", "admin")
        .encode()) + "." + parts[2]);
    tokens.put("HS256 with the published key as secret", JWTAuth.create(vertx, new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
                .setBuffer(Buffer.buffer(issuer.jwks.getJsonArray("keys").getJsonObject(0).encode()))))
        .generateToken(claims(TestIssuer.ISSUER, TestIssuer.AUDIENCE, 600), new JWTOptions().setAlgorithm("HS256")));
    tokens.put("scoped, on the scoped route", sign(issuerKey, claims(TestIssuer.ISSUER, TestIssuer.AUDIENCE, 600)
        .put("scope", "profile opportunities:read")));
    tokens.put("unscoped, on the scoped route", sign(issuerKey, claims(TestIssuer.ISSUER, TestIssuer.AUDIENCE, 600)));
    List<Map.Entry<String, String>> tried = new ArrayList<>(tokens.entrySet());
    List<String> outcomes = new ArrayList<>();
    int[] next = {0};

    fixture.gateway("""
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
                        config: {issuer: "ISSUER", audience_required: [test-api],
                                 scopes_required: ["opportunities:read", "admin"]}
                plugins:
                  - name: openid-connect
                    config: {issuer: "ISSUER", audience_required: [test-api]}
            """.replace("ISSUER", issuer.url()))
        .compose(protectedGateway -> GatewayFixture.sequentially(tried.size(), () -> {
          Map.Entry<String, String> token = tried.get(next[0]++);
          String path = token.getKey().endsWith("scoped route") ? "/scoped" : "/api";
          return protectedGateway.get(path).bearerTokenAuthentication(token.getValue()).send()
              .onSuccess(r -> outcomes.add(token.getKey() + ": " + r.statusCode()
                  + (r.statusCode() == 200 ? "" : " " + r.bodyAsJsonObject().getString("detail"))));
        }))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(
              "the issuer's login token: 200",
              "another issuer: 401 the token comes from another issuer",
              "another audience: 403 the token is not meant for this audience",
              "expired: 401 the token has expired",
              "an unpublished key: 401 the token was signed with a key the issuer does not publish",
              "alg none: 401 the token's algorithm none is not accepted",
              "tampered: 401 invalid signature",
              "HS256 with the published key as secret: 401 the token's algorithm HS256 is not accepted",
              "scoped, on the scoped route: 200",
              "unscoped, on the scoped route: 403 the token lacks the required scopes"), outcomes);
          ctx.completeNow();
        })));
  }
}
