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
import java.nio.file.DirectoryStream;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ES256 key pair tokens are signed with, as PEM files in {@code auth.key-dir}, and the public keys of earlier pairs
 * still honoured. The embedded profile generates the pair on first start (every gateway JVM on the machine then shares
 * it through the directory); prod reads it from a mounted secret and refuses to start without it.
 *
 * <p>Rotation ({@link #rotate}, {@code mch keys rotate}): a new pair signs from then on, and the old public key moves to
 * {@code retired/<kid>.until-<epoch second>.pem}, honoured until the tokens it signed have expired, so no user is
 * logged out; a retired key may also lie beside the pair (a Kubernetes Secret is one flat directory). Every JVM reads
 * the directory again every {@code auth.key-check-ms} ({@code Authentication}). Blocking:
 * call it off the event loop.
 */
public final class JwtKeys {

  public static final String ALGORITHM = "ES256";
  static final String PRIVATE_KEY = "jwt-es256-private.pem";
  static final String PUBLIC_KEY = "jwt-es256-public.pem";
  static final String RETIRED = "retired";
  private static final Pattern RETIRED_KEY = Pattern.compile("([A-Za-z0-9_-]+)\\.until-(\\d+)\\.pem");

  private JwtKeys() {
  }

  /**
   * The options to sign and verify with (every key carries its key id; only the current one signs), the public keys
   * as a JWK Set, and the ids of the keys in effect, current first, which change when the directory's do.
   */
  public record Keys(JWTAuthOptions options, JsonObject jwks, List<String> inEffect) {
  }

  public static Keys load(MchConfig config) {
    Path dir = config.auth().keyDir();
    try {
      return locked(dir, () -> {
        if (!Files.isRegularFile(dir.resolve(PRIVATE_KEY)) || !Files.isRegularFile(dir.resolve(PUBLIC_KEY))) {
          if (!config.auth().generateKeys()) {
            throw new ConfigException("auth.key-dir: " + dir + " holds no " + PRIVATE_KEY + " and " + PUBLIC_KEY
                + " (and auth.generate-keys is false)");
          }
          generate(dir);
        }
        return read(dir, Instant.now());
      });
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("auth.key-dir: cannot use " + dir + ": " + e.getMessage());
    }
  }

  /**
   * A new pair signs from now on; the current public key is retired, honoured until {@code until} (when the last token
   * it signed expires); retired keys past their time are removed. In a directory without a pair: the first one (how a
   * Kubernetes Secret's keys are made). The new key's id.
   */
  public static String rotate(Path dir, Instant until) throws IOException, GeneralSecurityException {
    return locked(dir, () -> {
      if (!Files.isRegularFile(dir.resolve(PUBLIC_KEY))) {
        generate(dir);
        return jwk(Files.readString(dir.resolve(PUBLIC_KEY))).getString("kid");
      }
      String publicPem = Files.readString(dir.resolve(PUBLIC_KEY));
      Files.createDirectories(dir.resolve(RETIRED));
      write(dir.resolve(RETIRED), jwk(publicPem).getString("kid") + ".until-" + until.getEpochSecond() + ".pem",
          publicPem, false);
      for (RetiredKey key : retired(dir)) {
        if (!key.until().isAfter(Instant.now())) {
          Files.delete(key.file());
        }
      }
      generate(dir);
      return jwk(Files.readString(dir.resolve(PUBLIC_KEY))).getString("kid");
    });
  }

  /** The current pair and the retired public keys still in their time. */
  private static Keys read(Path dir, Instant now) throws IOException, GeneralSecurityException {
    String publicPem = Files.readString(dir.resolve(PUBLIC_KEY));
    JsonObject jwk = jwk(publicPem);
    String kid = jwk.getString("kid");
    JWTAuthOptions options = new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(kid)
            .setBuffer(Files.readString(dir.resolve(PRIVATE_KEY))))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(kid).setBuffer(publicPem));
    JsonArray jwks = new JsonArray().add(jwk);
    List<String> inEffect = new ArrayList<>(List.of(kid));
    for (RetiredKey key : retired(dir)) {
      if (key.until().isAfter(now)) {
        String pem = Files.readString(key.file());
        JsonObject old = jwk(pem);
        options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(old.getString("kid")).setBuffer(pem));
        jwks.add(old);
        inEffect.add(old.getString("kid"));
      }
    }
    Collections.sort(inEffect.subList(1, inEffect.size()));
    return new Keys(options, new JsonObject().put("keys", jwks), List.copyOf(inEffect));
  }

  /** A retired public key's file and the end of its time. */
  private record RetiredKey(Path file, Instant until) {
  }

  /** The retired keys in {@code retired/}, or beside the pair: a Kubernetes Secret's volume has no subdirectories. */
  private static List<RetiredKey> retired(Path dir) throws IOException {
    List<RetiredKey> keys = new ArrayList<>();
    for (Path place : List.of(dir.resolve(RETIRED), dir)) {
      if (Files.isDirectory(place)) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(place, "*.pem")) {
          for (Path file : files) {
            Matcher name = RETIRED_KEY.matcher(file.getFileName().toString());
            if (name.matches()) {
              keys.add(new RetiredKey(file, Instant.ofEpochSecond(Long.parseLong(name.group(2)))));
            }
          }
        }
      }
    }
    return keys;
  }

  @FunctionalInterface
  private interface KeyWork<T> {
    T run() throws IOException, GeneralSecurityException;
  }

  /**
   * Under the directory's lock, so two JVMs starting together end up with one pair, and no JVM reads a pair half
   * rotated (a new private key beside the old public one); synchronized too, because a file lock is held per JVM and
   * its gateway instances start together. A directory this JVM cannot write (a Kubernetes Secret, which is swapped
   * whole) is read as it is.
   */
  private static synchronized <T> T locked(Path dir, KeyWork<T> work) throws IOException, GeneralSecurityException {
    Files.createDirectories(dir);
    if (!Files.isWritable(dir)) {
      return work.run();
    }
    try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock lock = channel.lock()) {
      return work.run();
    }
  }

  /** A new pair, the private key written first: under the lock, so no reader sees one without the other. */
  private static void generate(Path dir) throws GeneralSecurityException, IOException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    write(dir, PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
    write(dir, PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
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
