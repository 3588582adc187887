package com.medcontracthub.gateway.engine;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificates a gateway's TLS listener serves, chosen as Kong chooses them by the server name a client indicates
 * (SNI): the certificate whose {@code snis} name it exactly, else one whose {@code *.example.com} or
 * {@code example.*} wildcard covers it; a client that names none of them (or no name) gets the file's first
 * certificate. A certificate with an alternative pair ({@code cert_alt}) serves whichever of its two keys the client's
 * signature algorithms allow, as Kong serves an RSA and an ECDSA certificate side by side.
 * A listener is built with {@link #of} as its key/cert options and SNI on; a new version of the files
 * reaches the running listener through {@code server.updateSSLOptions(sslOptions(…), true)}.
 */
public final class ServerCertificates implements KeyCertOptions {

  private final List<GatewaySpec.Certificate> certificates;
  private final Map<String, GatewaySpec.Certificate> byName = new LinkedHashMap<>();
  /** By the certificate itself: two files may each have a certificate with the same (or the default) id. */
  private final Map<GatewaySpec.Certificate, KeyManagerFactory> factories = new ConcurrentHashMap<>();

  private ServerCertificates(List<GatewaySpec.Certificate> certificates) {
    this.certificates = List.copyOf(certificates);
    // the first file's certificate keeps a server name a later file names too
    certificates.forEach(c -> c.snis().forEach(name -> byName.putIfAbsent(name.toLowerCase(Locale.ROOT), c)));
  }

  /** What a listener serving {@code certificates} presents (with SNI on); fails when there is none to serve. */
  public static KeyCertOptions of(List<GatewaySpec.Certificate> certificates) {
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no certificates to serve: declare them in the file's certificates");
    }
    return new ServerCertificates(certificates);
  }

  /** The options that give a running listener {@code certificates}. */
  public static ServerSSLOptions sslOptions(List<GatewaySpec.Certificate> certificates) {
    return new ServerSSLOptions().setSni(true).setKeyCertOptions(of(certificates));
  }

  /** The certificate for a server name; the first one when none names it. */
  GatewaySpec.Certificate certificateFor(String serverName) {
    if (serverName == null) {
      return certificates.get(0);
    }
    String name = serverName.toLowerCase(Locale.ROOT);
    GatewaySpec.Certificate exact = byName.get(name);
    if (exact != null) {
      return exact;
    }
    int dot = name.indexOf('.');
    GatewaySpec.Certificate leftmost = dot < 0 ? null : byName.get("*" + name.substring(dot));
    if (leftmost != null) {
      return leftmost;
    }
    int last = name.lastIndexOf('.');
    GatewaySpec.Certificate rightmost = last < 0 ? null : byName.get(name.substring(0, last) + ".*");
    return rightmost != null ? rightmost : certificates.get(0);
  }

  @Override
  public KeyCertOptions copy() {
    return this;
  }

  @Override
  public KeyManagerFactory getKeyManagerFactory(Vertx vertx) throws Exception {
    return factory(vertx, certificates.get(0));
  }

  @Override
  public Function<String, KeyManagerFactory> keyManagerFactoryMapper(Vertx vertx) {
    return serverName -> {
      try {
        return factory(vertx, certificateFor(serverName));
      } catch (Exception e) {
        throw new IllegalStateException("certificate " + certificateFor(serverName).id() + ": " + e.getMessage(), e);
      }
    };
  }

  private KeyManagerFactory factory(Vertx vertx, GatewaySpec.Certificate certificate) throws Exception {
    KeyManagerFactory factory = factories.get(certificate);
    if (factory == null) {
      PemKeyCertOptions pairs = new PemKeyCertOptions().addCertValue(Buffer.buffer(certificate.certificate()))
          .addKeyValue(Buffer.buffer(certificate.key()));
      if (certificate.alternateCertificate() != null) {
        // one key manager with both pairs: the JDK's picks the one whose key type the handshake negotiated
        pairs.addCertValue(Buffer.buffer(certificate.alternateCertificate()))
            .addKeyValue(Buffer.buffer(certificate.alternateKey()));
      }
      factory = pairs.getKeyManagerFactory(vertx);
      factories.put(certificate, factory);
    }
    return factory;
  }
}
