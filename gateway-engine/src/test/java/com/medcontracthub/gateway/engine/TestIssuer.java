package com.medcontracthub.gateway.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * An OpenID Connect issuer as an identity provider publishes itself: its discovery document and its ES256 public key
 * as a JWK Set, served over HTTP, and the private key to sign its tokens with.
 */
final class TestIssuer {

  static final String ISSUER = "test-issuer";
  static final String AUDIENCE = "test-api";
  private static final String KEY_ID = "test-key-1";

  /** Signs with the issuer's key; the tokens' header names the key id the JWK Set publishes. */
  final JWTAuth signer;
  final JsonObject jwks;
  private final int port;

  private TestIssuer(JWTAuth signer, JsonObject jwks, int port) {
    this.signer = signer;
    this.jwks = jwks;
    this.port = port;
  }

  static Future<TestIssuer> start(Vertx vertx) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm("ES256").setId(KEY_ID).setBuffer("-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n")));
    ECPublicKey key = (ECPublicKey) pair.getPublic();
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    JsonObject jwks = new JsonObject().put("keys", new JsonArray().add(new JsonObject().put("kty", "EC")
        .put("crv", "P-256").put("use", "sig").put("alg", "ES256").put("kid", KEY_ID)
        .put("x", url.encodeToString(coordinate(key.getW().getAffineX())))
        .put("y", url.encodeToString(coordinate(key.getW().getAffineY())))));
    return vertx.createHttpServer().requestHandler(request -> {
      String host = request.authority().toString();
      String body = switch (request.path()) {
        case "/.well-known/openid-configuration" -> new JsonObject().put("issuer", ISSUER)
            .put("jwks_uri", "http://" + host + "/.well-known/jwks.json")
            .put("id_token_signing_alg_values_supported", new JsonArray().add("ES256")).encode();
        case "/.well-known/jwks.json" -> jwks.encode();
        default -> null;
      };
      if (body == null) {
        request.response().setStatusCode(404).end();
      } else {
        request.response().putHeader("Content-Type", "application/json").end(body);
      }
    }).listen(0, "127.0.0.1").map(server -> new TestIssuer(signer, jwks, server.actualPort()));
  }

  /** Where the issuer is found: its discovery document is under {@code /.well-known/}. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** A P-256 coordinate as its 32 big-endian bytes (BigInteger may add a sign byte or drop leading zeros). */
  private static byte[] coordinate(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[32];
    int copy = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
    return fixed;
  }
}
