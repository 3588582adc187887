package com.medcontracthub.gateway.engine;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The file's {@code certificates} (with their nested {@code snis}), top-level {@code snis} naming their certificate,
 * and {@code ca_certificates}: the PEM a certificate holds must read as X.509, a key must be the PEM private key of
 * its certificate, and a server name belongs to one certificate only.
 */
final class CertificatesSection {

  private static final Set<String> CERTIFICATE = Set.of("id", "cert", "key", "cert_alt", "key_alt", "tags", "snis");
  private static final Set<String> SNI = Set.of("name", "id", "tags", "certificate");
  private static final Set<String> CA_CERTIFICATE = Set.of("id", "cert", "cert_digest", "tags");
  private static final Pattern PRIVATE_KEY = Pattern.compile(
      "(?s)\\s*-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----.+-----END (RSA |EC |ENCRYPTED )?PRIVATE KEY-----\\s*");
  private static final Pattern SERVER_NAME = Pattern.compile(
      "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(\\.\\*)?");

  /** The certificates by id, in the file's order, with their server names. */
  private final Map<String, Builder> certificates = new LinkedHashMap<>();
  private final References<Builder> references = new References<>("certificate");
  /** The CA certificates' PEM by id. */
  private final Map<String, String> authorities = new HashMap<>();
  private final Set<String> serverNames = new HashSet<>();

  private CertificatesSection() {
  }

  static CertificatesSection read(Node top) {
    CertificatesSection section = new CertificatesSection();
    List<Node> declared = top.nodes("certificates", CERTIFICATE);
    for (int i = 0; i < declared.size(); i++) {
      Node node = declared.get(i);
      String id = node.string("id", "certificates[" + i + "]");
      String cert = x509(node, "cert");
      String key = privateKey(node, "key");
      pair(node, "cert", "key");
      if (node.has("cert_alt") != node.has("key_alt")) {
        throw new DeclarativeException(node.path(node.has("cert_alt") ? "key_alt" : "cert_alt"),
            "required with " + (node.has("cert_alt") ? "cert_alt" : "key_alt"));
      }
      Builder certificate = node.has("cert_alt")
          ? new Builder(id, cert, key, x509(node, "cert_alt"), privateKey(node, "key_alt"))
          : new Builder(id, cert, key, null, null);
      if (node.has("cert_alt")) {
        pair(node, "cert_alt", "key_alt");
        String main = certificates(node, "cert").get(0).getPublicKey().getAlgorithm();
        if (main.equals(certificates(node, "cert_alt").get(0).getPublicKey().getAlgorithm())) {
          throw new DeclarativeException(node.path("cert_alt"), "a certificate of another key type than cert's (" + main
              + "): the handshake picks one of the two by the key type the client takes");
        }
      }
      node.strings("tags");
      section.references.add(node, "id", null, id, certificate);
      section.certificates.put(id, certificate);
      List<String> names = node.strings("snis");
      for (int n = 0; n < names.size(); n++) {
        section.serve(certificate, names.get(n), node.path("snis") + "[" + n + "]");
      }
    }
    for (Node node : top.nodes("snis", SNI)) {
      section.serve(section.references.resolve(node, "certificate"), node.requiredString("name"), node.path("name"));
      node.string("id", null);
      node.strings("tags");
    }
    for (Node node : top.nodes("ca_certificates", CA_CERTIFICATE)) {
      node.string("cert_digest", null);
      node.strings("tags");
      section.authorities.put(node.requiredString("id"), x509(node, "cert"));
    }
    return section;
  }

  List<GatewaySpec.Certificate> certificates() {
    return certificates.values().stream().map(Builder::build).toList();
  }

  /** The certificate {@code field} of {@code node} refers to ({@code {id: …}} or the id). */
  GatewaySpec.Certificate certificate(Node node, String field) {
    return references.resolve(node, field).build();
  }

  /** The PEM of the CA certificates a service's {@code ca_certificates} lists by id. */
  List<String> authorities(Node node, String field) {
    List<String> ids = node.strings(field);
    List<String> pems = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String pem = authorities.get(ids.get(i));
      if (pem == null) {
        throw new DeclarativeException(node.path(field) + "[" + i + "]", "no CA certificate with id \"" + ids.get(i)
            + "\"");
      }
      pems.add(pem);
    }
    return pems;
  }

  private void serve(Builder certificate, String name, String path) {
    if (!SERVER_NAME.matcher(name).matches() || name.startsWith("*.") && name.endsWith(".*")) {
      throw new DeclarativeException(path, "expected a server name (a wildcard only leftmost or rightmost) but got \""
          + name + "\"");
    }
    if (!serverNames.add(name.toLowerCase(Locale.ROOT))) {
      throw new DeclarativeException(path, "the server name \"" + name + "\" is another certificate's already");
    }
    certificate.snis.add(name);
  }

  private static String x509(Node node, String field) {
    certificates(node, field);
    return node.requiredString(field);
  }

  /** The certificates of a PEM field, the leaf first. */
  private static List<X509Certificate> certificates(Node node, String field) {
    String pem = node.requiredString(field);
    try {
      List<X509Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(
          new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
          .map(X509Certificate.class::cast).toList();
      if (chain.isEmpty()) {
        throw new CertificateException("no certificate");
      }
      return chain;
    } catch (CertificateException e) {
      throw new DeclarativeException(node.path(field), "expected a PEM certificate: " + e.getMessage());
    }
  }

  /** A key that is not its certificate's would fail every handshake that chooses it: refused as the file is read. */
  private static void pair(Node node, String certificateField, String keyField) {
    if (!CertificateKeys.belong(certificates(node, certificateField).get(0), node.requiredString(keyField))) {
      throw new DeclarativeException(node.path(keyField), "not the private key of " + certificateField
          + " (the first certificate of its PEM)");
    }
  }

  private static String privateKey(Node node, String field) {
    String pem = node.requiredString(field);
    if (!PRIVATE_KEY.matcher(pem).matches()) {
      throw new DeclarativeException(node.path(field), "expected a PEM private key");
    }
    if (pem.contains("ENCRYPTED")) {
      throw new DeclarativeException(node.path(field), "an encrypted key cannot be read here: give it unencrypted "
          + "(a {vault://…} reference keeps it out of the file)");
    }
    return pem;
  }

  private static final class Builder {
    private final String id;
    private final String certificate;
    private final String key;
    private final String alternateCertificate;
    private final String alternateKey;
    private final List<String> snis = new ArrayList<>();

    Builder(String id, String certificate, String key, String alternateCertificate, String alternateKey) {
      this.id = id;
      this.certificate = certificate;
      this.key = key;
      this.alternateCertificate = alternateCertificate;
      this.alternateKey = alternateKey;
    }

    GatewaySpec.Certificate build() {
      return new GatewaySpec.Certificate(id, certificate, key, alternateCertificate, alternateKey, List.copyOf(snis));
    }
  }
}
