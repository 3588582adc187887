package com.medcontracthub.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Tokens an attacker could make from a real one, each of which the gateway must refuse. */
final class ForgedTokens {

  private ForgedTokens() {
  }

  /** @param real a token the gateway issued; @param keyDir where the running system keeps its key pair */
  static Map<String, String> from(Vertx vertx, String real, Path keyDir) throws Exception {
    String[] parts = real.split("\\.");
    JsonObject claims = new JsonObject(decode(parts[1]));
    String publicPem = Files.readString(keyDir.resolve("jwt-es256-public.pem"));
    String privatePem = Files.readString(keyDir.resolve("jwt-es256-private.pem"));
    return Map.of(
        "alg none", encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".",
        "tampered payload", parts[0] + "." + encode(claims.copy().put("role", "admin").put("tenant", "x").encode())
            + "." + parts[2],
        "signed by another key", sign(vertx, "ES256", pem("PRIVATE KEY", otherKey()), claims, 600),
        "ES256 key used as an HS256 secret", hs256(vertx, publicPem, claims),
        "expired", sign(vertx, "ES256", privatePem, claims.copy().put("exp", claims.getLong("iat") - 60), 0));
  }

  private static String sign(Vertx vertx, String alg, String pem, JsonObject claims, int ttl) {
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm(alg)
        .setBuffer(pem)));
    JsonObject body = claims.copy();
    JWTOptions options = new JWTOptions().setAlgorithm(alg).setNoTimestamp(true);
    if (ttl > 0) {
      body.remove("exp");
      options.setExpiresInSeconds(ttl);
    }
    return jwt.generateToken(body, options);
  }

  private static String hs256(Vertx vertx, String secret, JsonObject claims) {
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
        .setBuffer(secret)));
    return jwt.generateToken(claims.copy(), new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
  }

  private static byte[] otherKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair().getPrivate().getEncoded();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> names() {
    return List.of("alg none", "tampered payload", "signed by another key", "ES256 key used as an HS256 secret", "expired");
  }
}
