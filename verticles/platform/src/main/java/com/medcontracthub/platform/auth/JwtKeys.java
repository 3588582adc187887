package com.medcontracthub.platform.auth;

import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The ES256 key pair tokens are signed with, as PEM files in {@code auth.key-dir}. The embedded profile generates it
 * on first start (every gateway JVM on the machine then shares it through the directory); prod reads it from a
 * mounted secret and refuses to start without it. Blocking: call it off the event loop.
 */
public final class JwtKeys {

  public static final String ALGORITHM = "ES256";
  static final String PRIVATE_KEY = "jwt-es256-private.pem";
  static final String PUBLIC_KEY = "jwt-es256-public.pem";

  private JwtKeys() {
  }

  /** The options to sign and verify with (both keys carry the key id), and the public key as a JWK Set. */
  public record Keys(JWTAuthOptions options, JsonObject jwks) {
  }

  public static Keys load(MchConfig config) {
    Path dir = config.auth().keyDir();
    try {
      if (!Files.isRegularFile(dir.resolve(PRIVATE_KEY)) || !Files.isRegularFile(dir.resolve(PUBLIC_KEY))) {
        if (!config.auth().generateKeys()) {
          throw new ConfigException("auth.key-dir: " + dir + " holds no " + PRIVATE_KEY + " and " + PUBLIC_KEY
              + " (and auth.generate-keys is false)");
        }
        generateOnce(dir);
      }
      String publicPem = Files.readString(dir.resolve(PUBLIC_KEY));
      JsonObject jwk = jwk(publicPem);
      String kid = jwk.getString("kid");
      JWTAuthOptions options = new JWTAuthOptions()
          .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(kid)
              .setBuffer(Files.readString(dir.resolve(PRIVATE_KEY))))
          .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(kid).setBuffer(publicPem));
      return new Keys(options, new JsonObject().put("keys", new JsonArray().add(jwk)));
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("auth.key-dir: cannot use " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Under a lock, so two JVMs starting together end up with one pair, not a private key of one and a public of the
   * other; synchronized too, because a file lock is held per JVM and its gateway instances start together.
   */
  private static synchronized void generateOnce(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock lock = channel.lock()) {
      if (Files.isRegularFile(dir.resolve(PRIVATE_KEY)) && Files.isRegularFile(dir.resolve(PUBLIC_KEY))) {
        return;
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      write(dir, PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
      write(dir, PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot generate an ES256 key pair: " + e.getMessage(), e);
    }
  }

  private static void write(Path dir, String name, String content, boolean secret) throws IOException {
    Path temp = Files.createTempFile(dir, name, ".tmp");
    if (secret) {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    }
    Files.writeString(temp, content, StandardCharsets.US_ASCII);
    Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The public key as a JWK (RFC 7517), its {@code kid} derived from the key itself (the first 16 characters of the
   * base64url SHA-256 of its DER form), so every gateway sharing the key pair names it the same.
   */
  static JsonObject jwk(String publicPem) throws GeneralSecurityException {
    byte[] der = Base64.getMimeDecoder().decode(publicPem.replaceAll("-----[A-Z ]+-----", ""));
    ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String kid = url.encodeToString(MessageDigest.getInstance("SHA-256").digest(der)).substring(0, 16);
    return new JsonObject().put("kty", "EC").put("crv", "P-256").put("use", "sig").put("alg", ALGORITHM).put("kid", kid)
        .put("x", url.encodeToString(coordinate(key.getW().getAffineX())))
        .put("y", url.encodeToString(coordinate(key.getW().getAffineY())));
  }

  /** A P-256 coordinate as its 32 big-endian bytes (BigInteger may add a sign byte or drop leading zeros). */
  private static byte[] coordinate(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
    return fixed;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
