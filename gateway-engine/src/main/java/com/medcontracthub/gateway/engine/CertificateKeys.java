package com.medcontracthub.gateway.engine;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a PEM private key is a certificate's: the key signs and the certificate's public key verifies. Reads the
 * three forms decK files carry: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC 1
 * ({@code EC PRIVATE KEY}), the last two from their DER, as the JDK reads PKCS#8 only.
 */
final class CertificateKeys {

  private static final byte[] CHALLENGE = new byte[32];
  /** The base64 of the key's PEM block. */
  private static final Pattern KEY_BLOCK = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----([^-]+)-----END");

  static {
    new SecureRandom().nextBytes(CHALLENGE);
  }

  private CertificateKeys() {
  }

  /**
   * Whether {@code keyPem} is the private half of {@code certificate}'s public key; true for a key type this cannot
   * sign with (the TLS handshake then finds out).
   */
  static boolean belong(X509Certificate certificate, String keyPem) {
    PublicKey publicKey = certificate.getPublicKey();
    String algorithm = switch (publicKey.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "EdDSA", "Ed25519", "Ed448" -> publicKey.getAlgorithm();
      default -> null;
    };
    if (algorithm == null) {
      return true;
    }
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey(publicKey, keyPem));
      signer.update(CHALLENGE);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(CHALLENGE);
      return verifier.verify(signer.sign());
    } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
      return false;
    }
  }

  private static PrivateKey privateKey(PublicKey publicKey, String pem) throws GeneralSecurityException {
    Matcher block = KEY_BLOCK.matcher(pem);
    if (!block.find()) {
      throw new IllegalArgumentException("no private key block");
    }
    byte[] der = Base64.getMimeDecoder().decode(block.group(1).getBytes(StandardCharsets.US_ASCII));
    KeyFactory keys = KeyFactory.getInstance(publicKey.getAlgorithm());
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      // RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, d mod (p-1), d mod (q-1), q^-1 mod p }
      List<byte[]> fields = sequence(der);
      return keys.generatePrivate(new RSAPrivateCrtKeySpec(integer(fields, 1), integer(fields, 2), integer(fields, 3),
          integer(fields, 4), integer(fields, 5), integer(fields, 6), integer(fields, 7), integer(fields, 8)));
    }
    if (pem.contains("BEGIN EC PRIVATE KEY")) {
      // ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters, [1] publicKey }: the curve is
      // taken from the certificate, which a key of another curve then fails to match
      return keys.generatePrivate(new ECPrivateKeySpec(integer(sequence(der), 1),
          ((ECPublicKey) publicKey).getParams()));
    }
    return keys.generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private static BigInteger integer(List<byte[]> fields, int index) {
    return new BigInteger(1, fields.get(index));
  }

  /** The contents of the DER SEQUENCE's elements, in order (their tags and lengths dropped). */
  private static List<byte[]> sequence(byte[] der) {
    if (der[0] != 0x30) {
      throw new IllegalArgumentException("not a DER sequence");
    }
    int[] at = {1};
    int end = length(der, at) + at[0];
    List<byte[]> elements = new ArrayList<>();
    while (at[0] < end) {
      at[0]++;
      int size = length(der, at);
      byte[] content = new byte[size];
      System.arraycopy(der, at[0], content, 0, size);
      elements.add(content);
      at[0] += size;
    }
    return elements;
  }

  /** A DER length at {@code at[0]}, moving past it. */
  private static int length(byte[] der, int[] at) {
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (der[at[0]++] & 0xff);
    }
    return length;
  }
}
