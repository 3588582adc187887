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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Kong's jwt plugin against forged tokens: every trick is refused with 401, real tokens get through. */
@ExtendWith(VertxExtension.class)
@DisplayName("The jwt plugin")
class JwtPluginTest {

  private static final String HS_SECRET = "a-shared-secret-of-at-least-32-bytes!";

  @TempDir
  Path dir;
  private GatewayFixture fixture;
  private String publicPem;
  private String privatePem;

  @BeforeEach
  void keys(Vertx vertx) throws Exception {
    fixture = new GatewayFixture(vertx, dir);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
    privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  private static String pem(String kind, byte[] der) {
    return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + kind + "-----\n";
  }

  private String file() {
    return KongFiles.servicePlugin("private", "/private", "jwt", "{claims_to_verify: [exp, nbf], maximum_expiration: 3600}")
        + """
        consumers:
          - username: partner
            jwt_secrets: [{key: partner-hs, algorithm: HS256, secret: "%s"}]
          - username: service
            custom_id: svc-1
            jwt_secrets:
              - key: service-rs
                algorithm: RS256
                rsa_public_key: |
        %s
        """.formatted(HS_SECRET, publicPem.indent(12).stripTrailing());
  }

  private static String sign(Vertx vertx, String algorithm, String key, JsonObject claims) {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(Buffer.buffer(key))));
    return signer.generateToken(claims, new JWTOptions().setAlgorithm(algorithm).setNoTimestamp(true));
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject claims(String iss, long expIn, long nbfIn) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("iss", iss).put("sub", "someone").put("exp", now + expIn).put("nbf", now + nbfIn);
  }

  @Test
  @DisplayName("lets real HS256 and RS256 tokens through as their consumers, and refuses every forgery")
  void forgeries(Vertx vertx, VertxTestContext ctx) {
    String valid = sign(vertx, "RS256", privatePem, claims("service-rs", 600, -10));
    String[] parts = valid.split("\\.");
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("HS256 of the partner", sign(vertx, "HS256", HS_SECRET, claims("partner-hs", 600, -10)));
    tokens.put("RS256 of the service", valid);
    tokens.put("RS256 of the service, again (its signature already checked)", valid);
    tokens.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
    tokens.put("RS256 key reused as an HS256 secret", sign(vertx, "HS256", publicPem, claims("service-rs", 600, -10)));
    tokens.put("expired", sign(vertx, "RS256", privatePem, claims("service-rs", -5, -600)));
    tokens.put("not yet valid", sign(vertx, "RS256", privatePem, claims("service-rs", 600, 300)));
    tokens.put("too far in the future", sign(vertx, "RS256", privatePem, claims("service-rs", 7_200, -10)));
    tokens.put("tampered payload", parts[0] + "." + b64(claims("service-rs", 600, -10).put("sub", "admin").encode())
        + "." + parts[2]);
    tokens.put("unknown key", sign(vertx, "HS256", HS_SECRET, claims("stranger", 600, -10)));
    tokens.put("signed with another secret", sign(vertx, "HS256", "not-the-partner-secret-but-long-enough!",
        claims("partner-hs", 600, -10)));
    tokens.put("not a token", "abc.def");
    List<String> outcomes = new ArrayList<>();
    List<Map.Entry<String, String>> tried = new ArrayList<>(tokens.entrySet());
    int[] next = {0};
    fixture.gateway(file())
        .compose(client -> GatewayFixture.sequentially(tried.size(), () -> {
          Map.Entry<String, String> token = tried.get(next[0]++);
          return client.get("/private").bearerTokenAuthentication(token.getValue()).send()
              .onSuccess(r -> outcomes.add(token.getKey() + ": " + r.statusCode() + " " + (r.statusCode() == 200
                  ? r.bodyAsJsonObject().getJsonObject("headers").getString("x-consumer-username")
                  : r.bodyAsJsonObject().getString("detail"))));
        }).compose(v -> client.get("/private").send()).onSuccess(r -> outcomes.add("no token: " + r.statusCode())))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(
              "HS256 of the partner: 200 partner",
              "RS256 of the service: 200 service",
              "RS256 of the service, again (its signature already checked): 200 service",
              "alg none: 401 Invalid algorithm",
              "RS256 key reused as an HS256 secret: 401 Invalid algorithm",
              "expired: 401 token expired",
              "not yet valid: 401 token not valid yet",
              "too far in the future: 401 The exp claim is too far in the future",
              "tampered payload: 401 Invalid signature",
              "unknown key: 401 No credentials found for given 'iss'",
              "signed with another secret: 401 Invalid signature",
              "not a token: 401 Bad token; invalid JSON",
              "no token: 401"), outcomes);
          ctx.completeNow();
        })));
  }
}
