package com.medcontracthub.gateway.engine;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority of the test's own, and certificates it signs (EC P-256), in PEM as a decK file holds them. */
public final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A certificate and its key, PEM. */
  public record Issued(String certificate, String key) {
  }

  private final KeyPair caKeys = keys();
  private final X509Certificate ca;

  public TestCertificates(String name) {
    ca = sign(new X500Name("CN=" + name), caKeys, null, true);
  }

  public String caCertificate() {
    return pem(ca);
  }

  /** A server or client certificate for {@code dnsName}, signed by this authority. */
  public Issued issue(String dnsName) {
    KeyPair keys = keys();
    return new Issued(pem(sign(new X500Name("CN=" + dnsName), keys, dnsName, false)), pem(keys.getPrivate()));
  }

  /**
   * A certificate with an {@code RSA} or {@code EC} key in OpenSSL's traditional PEM, as older files carry it:
   * PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}).
   */
  public Issued issueTraditional(String dnsName, String algorithm) {
    KeyPair keys = algorithm.equals("RSA") ? keyPair("RSA") : keys();
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(keys.getPrivate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Issued(pem(sign(new X500Name("CN=" + dnsName), keys, dnsName, false)), out.toString());
  }

  /** A certificate with a 2048-bit RSA key (PKCS#8), where {@link #issue} gives an EC one. */
  public Issued issueRsa(String dnsName) {
    KeyPair keys = keyPair("RSA");
    return new Issued(pem(sign(new X500Name("CN=" + dnsName), keys, dnsName, false)), pem(keys.getPrivate()));
  }

  /** A certificate with an Ed25519 key (PKCS#8). */
  public Issued issueEd25519(String dnsName) {
    KeyPair keys = keyPair("Ed25519");
    return new Issued(pem(sign(new X500Name("CN=" + dnsName), keys, dnsName, false)), pem(keys.getPrivate()));
  }

  /** A key pair of the JDK's default size for {@code algorithm} (RSA: 2048 bits). */
  private static KeyPair keyPair(String algorithm) {
    try {
      return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate sign(X500Name subject, KeyPair keys, String dnsName, boolean authority) {
    try {
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          authority ? subject : new X500Name(ca.getSubjectX500Principal().getName()),
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
      if (dnsName != null) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      }
      return new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder("SHA256withECDSA").build(authority ? keys.getPrivate() : caKeys.getPrivate())));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair keys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object instanceof java.security.PrivateKey key
          ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
