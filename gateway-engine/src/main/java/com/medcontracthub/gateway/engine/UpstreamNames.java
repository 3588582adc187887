package com.medcontracthub.gateway.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether an upstream's certificate is for one of the names a service accepts: its host (a DNS name, or an IP address
 * the certificate names as one), or a further name of its
 * {@code tls_sans} ({@code dnsnames}: DNS subject alternative names, a certificate's leftmost {@code *} covering one
 * label, as RFC 6125 has it; {@code uris}: URI names such as a SPIFFE id, compared whole). The certificate's chain is
 * checked by the TLS handshake before this.
 */
final class UpstreamNames {

  /** A name {@code tls_sans} may list: a host name (a certificate's wildcard may cover it; the list has none). */
  static final Pattern DNS_NAME = Pattern.compile("([A-Za-z0-9-]+\\.)*[A-Za-z0-9-]+");
  private static final int DNS = 2;
  private static final int URI_NAME = 6;
  private static final int IP_ADDRESS = 7;

  private UpstreamNames() {
  }

  static boolean isAbsoluteUri(String value) {
    try {
      return new URI(value).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Whether {@code certificate} names {@code host} or one of {@code dnsNames} or {@code uris}. */
  static boolean accepted(X509Certificate certificate, String host, List<String> dnsNames, List<String> uris) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return false;
    }
    if (names == null) {
      return false;
    }
    for (List<?> name : names) {
      Object type = name.get(0);
      String value = String.valueOf(name.get(1));
      if (Integer.valueOf(DNS).equals(type)
          && (covers(value, host) || dnsNames.stream().anyMatch(wanted -> covers(value, wanted)))) {
        return true;
      }
      if (Integer.valueOf(URI_NAME).equals(type) && uris.contains(value)) {
        return true;
      }
      if (Integer.valueOf(IP_ADDRESS).equals(type) && value.equalsIgnoreCase(host)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a certificate's DNS name covers {@code wanted}: equal, ignoring case, or by a leftmost wildcard. */
  private static boolean covers(String certified, String wanted) {
    String name = certified.toLowerCase(Locale.ROOT);
    String target = wanted.toLowerCase(Locale.ROOT);
    if (!name.startsWith("*.")) {
      return name.equals(target);
    }
    int dot = target.indexOf('.');
    return dot > 0 && target.substring(dot).equals(name.substring(1));
  }
}
