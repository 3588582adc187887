package com.medcontracthub.gateway.engine;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file's {@code key_sets} and {@code keys} (Kong 3's JWKs and PEM keys), checked as Kong checks them: a key has a
 * {@code kid} and exactly one of {@code jwk} (a JSON Web Key whose {@code kid} is the key's) or {@code pem} (a public
 * and/or private key), and its {@code set} is one of the file's key sets. No plugin here refers to them (in Kong,
 * Enterprise plugins do), so they are read and checked only.
 */
final class KeysSection {

  private static final Set<String> KEY_SET = Set.of("name", "id", "tags");
  private static final Set<String> KEY = Set.of("name", "id", "kid", "set", "jwk", "pem", "tags");
  private static final Set<String> PEM = Set.of("public_key", "private_key");
  private static final Pattern PEM_BLOCK = Pattern.compile("(?s)-----BEGIN ([A-Z ]+)-----(.+?)-----END \\1-----");
  private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  private KeysSection() {
  }

  static void check(Node top) {
    References<Boolean> sets = new References<>("key set");
    for (Node node : top.nodes("key_sets", KEY_SET)) {
      sets.add(node, "name", node.string("name", null), node.string("id", null), true);
      node.strings("tags");
    }
    for (Node node : top.nodes("keys", KEY)) {
      String kid = node.requiredString("kid");
      node.string("name", null);
      node.string("id", null);
      node.strings("tags");
      if (node.has("set")) {
        sets.resolve(node, "set");
      }
      if (node.has("jwk") == node.has("pem")) {
        throw new DeclarativeException(node.path(), "a key needs exactly one of jwk and pem");
      }
      if (node.has("jwk")) {
        jwk(node, kid);
      } else {
        pem(new Node(node.raw("pem"), node.path("pem"), PEM));
      }
    }
  }

  private static void jwk(Node node, String kid) {
    JsonObject jwk;
    try {
      jwk = new JsonObject(node.requiredString("jwk"));
    } catch (DecodeException e) {
      throw new DeclarativeException(node.path("jwk"), "expected a JSON Web Key (a JSON object as a string)");
    }
    if (!kid.equals(jwk.getString("kid"))) {
      throw new DeclarativeException(node.path("jwk"), "its kid must be the key's, \"" + kid + "\"");
    }
    List<String> members = switch (String.valueOf(jwk.getValue("kty"))) {
      case "RSA" -> List.of("n", "e");
      case "EC" -> List.of("crv", "x", "y");
      case "OKP" -> List.of("crv", "x");
      case "oct" -> List.of("k");
      default -> throw new DeclarativeException(node.path("jwk"), "kty must be RSA, EC, OKP or oct");
    };
    for (String member : members) {
      if (!(jwk.getValue(member) instanceof String)) {
        throw new DeclarativeException(node.path("jwk"), "a " + jwk.getString("kty") + " key needs " + member);
      }
    }
  }

  private static void pem(Node pem) {
    if (!pem.has("public_key") && !pem.has("private_key")) {
      throw new DeclarativeException(pem.path(), "give public_key, private_key or both");
    }
    if (pem.has("public_key")) {
      key(pem, "public_key", "PUBLIC KEY", X509EncodedKeySpec::new, (factory, spec) -> factory.generatePublic(spec));
    }
    if (pem.has("private_key")) {
      key(pem, "private_key", "PRIVATE KEY", PKCS8EncodedKeySpec::new, (factory, spec) -> factory.generatePrivate(spec));
    }
  }

  private interface Generator {
    Object generate(KeyFactory factory, KeySpec spec) throws GeneralSecurityException;
  }

  /** A PEM key of one of the JDK's algorithms; PKCS #1 and SEC 1 keys are refused with a way out. */
  private static void key(Node pem, String field, String kind, Function<byte[], KeySpec> spec, Generator generator) {
    Matcher block = PEM_BLOCK.matcher(pem.requiredString(field));
    if (!block.find() || !block.group(1).equals(kind)) {
      throw new DeclarativeException(pem.path(field), "expected a PEM " + kind + " block (PKCS #8 or X.509; convert "
          + "an RSA or EC one with openssl pkey)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(block.group(2).trim());
    } catch (IllegalArgumentException e) {
      throw new DeclarativeException(pem.path(field), "not base64 inside the PEM block");
    }
    for (String algorithm : ALGORITHMS) {
      try {
        generator.generate(KeyFactory.getInstance(algorithm), spec.apply(der));
        return;
      } catch (GeneralSecurityException notThisAlgorithm) {
        // the next algorithm may read it
      }
    }
    throw new DeclarativeException(pem.path(field), "not an RSA, EC or EdDSA key");
  }
}
