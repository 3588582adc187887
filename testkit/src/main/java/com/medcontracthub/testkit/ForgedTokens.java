package com.medcontracthub.testkit;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens an attacker could make from a real one, or that the product once issued and no longer honours, each of which
 * every door (REST, the SockJS and TCP bridges) must refuse the same way. Those signed with the system's own key change
 * one thing each: its issuer, audience, not-before, key id or expiry.
 */
public final class ForgedTokens {

  private ForgedTokens() {
  }

  /**
   * @param real a token the system issued; @param keyDir where the running system keeps its key pair (PEM files), to
   *     sign tokens that are wrong in one claim only
   */
  public static Map<String, String> from(Vertx vertx, String real, Path keyDir) throws Exception {
    String[] parts = real.split("\\.");
    JsonObject claims = new JsonObject(decode(parts[1]));
    String publicPem = Files.readString(keyDir.resolve("jwt-es256-public.pem"));
    String privatePem = Files.readString(keyDir.resolve("jwt-es256-private.pem"));
    String kid = new JsonObject(decode(parts[0])).getString("kid");
    long now = System.currentTimeMillis() / 1000;
    Map<String, String> forged = new LinkedHashMap<>();
    forged.put("alg none", encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
    forged.put("tampered payload", parts[0] + "." + encode(claims.copy().put("sub", "another-user").put("role", "admin")
        .put("tenant", "x").encode()) + "." + parts[2]);
    forged.put("signed by another key", sign(vertx, pem("PRIVATE KEY", otherKey()), kid, claims));
    forged.put("ES256 key used as an HS256 secret", hs256(vertx, publicPem, claims));
    forged.put("expired", sign(vertx, privatePem, kid, claims.copy().put("iat", now - 120).put("exp", now - 60)));
    forged.put("another issuer", sign(vertx, privatePem, kid, claims.copy().put("iss", "someone-else")));
    forged.put("another audience", sign(vertx, privatePem, kid, claims.copy().put("aud", "another-api")));
    forged.put("not valid before an hour from now", sign(vertx, privatePem, kid, claims.copy().put("nbf", now + 3600)));
    forged.put("a key id the system does not have", sign(vertx, privatePem, "no-such-key", claims));
    return forged;
  }

  /**
   * The real token's claims signed again as {@link #from} signs its forgeries, nothing changed: accepted, it shows that
   * each forgery is refused for the one thing it changes, not for how it was made.
   */
  public static String resigned(Vertx vertx, String real, Path keyDir) throws Exception {
    String[] parts = real.split("\\.");
    return sign(vertx, Files.readString(keyDir.resolve("jwt-es256-private.pem")),
        new JsonObject(decode(parts[0])).getString("kid"), new JsonObject(decode(parts[1])));
  }

  /** The kinds of forgery {@link #from} makes. */
  public static List<String> names() {
    return List.of("alg none", "tampered payload", "signed by another key", "ES256 key used as an HS256 secret",
        "expired", "another issuer", "another audience", "not valid before an hour from now",
        "a key id the system does not have");
  }

  /** ES256 over exactly {@code claims}, with {@code kid} in its header. */
  private static String sign(Vertx vertx, String privatePem, String kid, JsonObject claims) {
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256")
        .setId(kid).setBuffer(privatePem)));
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true));
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
}
