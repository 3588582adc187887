package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.gateway.engine.plugins.KongPlugins;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code certificates}, {@code snis} and {@code ca_certificates}: TLS on the gateway's listener chosen by the
 * name a client indicates, and services' checks of their upstream's certificate with the gateway's own shown to it.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("TLS: certificates, server names and upstream checks")
class TlsTest {

  private static final long TIMEOUT_MS = 10_000;

  @TempDir
  Path dir;

  /** A file serving {@code api.example.test} and {@code *.partners.example.test}, each with its own certificate. */
  private static String served(TestCertificates.Issued api, TestCertificates.Issued partners) {
    return """
        _format_version: "3.0"
        certificates:
          - id: api
            cert: |
        %s
            key: |
        %s
            snis: [api.example.test]
          - id: partners
            cert: |
        %s
            key: |
        %s
        snis:
          - name: "*.partners.example.test"
            certificate: {id: partners}
        services:
          - name: echo
            url: UPSTREAM/base
            routes: [{name: echo, paths: [/echo]}]
        """.formatted(api.certificate().indent(6), api.key().indent(6), partners.certificate().indent(6),
        partners.key().indent(6));
  }

  /** A client that trusts {@code authority} and checks that the certificate is for the name it asks for. */
  private static WebClient client(Vertx vertx, String authority) {
    return WebClient.create(vertx, new WebClientOptions().setSsl(true).setForceSni(true).setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(authority))));
  }

  /** GET /echo at {@code serverName} from the gateway's TLS listener. */
  private static Future<HttpResponse<Buffer>> get(WebClient client, GatewayClient gateway, String serverName) {
    return client.request(HttpMethod.GET, SocketAddress.inetSocketAddress(gateway.tlsPort(), "127.0.0.1"),
        gateway.tlsPort(), serverName, "/echo").timeout(TIMEOUT_MS).send();
  }

  @Test
  @DisplayName("serves each server name its certificate, wildcards too, and takes a new one when the file changes")
  void termination(Vertx vertx, VertxTestContext ctx) {
    TestCertificates first = new TestCertificates("first authority");
    TestCertificates second = new TestCertificates("second authority");
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    Path file = fixture.write("tls", served(first.issue("api.example.test"), first.issue("*.partners.example.test")));
    WebClient trustsFirst = client(vertx, first.caCertificate());
    WebClient trustsSecond = client(vertx, second.caCertificate());
    fixture.gateway(file)
        .compose(gateway -> get(trustsFirst, gateway, "api.example.test")
            .compose(api -> {
              ctx.verify(() -> {
                assertEquals(200, api.statusCode(), api.bodyAsString());
                assertEquals("https", api.bodyAsJsonObject().getJsonObject("headers").getString("x-forwarded-proto"));
              });
              return get(trustsFirst, gateway, "acme.partners.example.test");
            })
            .compose(partner -> {
              ctx.verify(() -> assertEquals(200, partner.statusCode(), "the wildcard's certificate"));
              // a name no certificate covers gets the first one, which a client checking its host name refuses
              return get(trustsFirst, gateway, "other.example.test").transform(other -> {
                ctx.verify(() -> assertTrue(other.failed() && causes(other.cause())
                    .contains("No subject alternative DNS name matching other.example.test"),
                    "the api certificate is not other.example.test's: " + other));
                fixture.write(file, served(second.issue("api.example.test"), second.issue("*.partners.example.test")));
                return fixture.until(() -> get(trustsSecond, gateway, "api.example.test").map(HttpResponse::statusCode)
                    .otherwise(0), 200);
              });
            }))
        .onComplete(ctx.succeeding(reloaded -> ctx.completeNow()));
  }

  @Test
  @DisplayName("serves an RSA certificate and its ECDSA alternative (cert_alt) for one name, each to a client that "
      + "can take only that one")
  void alternativeCertificate(Vertx vertx, VertxTestContext ctx) {
    TestCertificates authority = new TestCertificates("authority");
    TestCertificates.Issued rsa = authority.issueRsa("api.example.test");
    TestCertificates.Issued ecdsa = authority.issue("api.example.test");
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    Path file = fixture.write("alt", """
        _format_version: "3.0"
        certificates:
          - id: api
            cert: |
        %s
            key: |
        %s
            cert_alt: |
        %s
            key_alt: |
        %s
            snis: [api.example.test]
        services:
          - name: echo
            url: UPSTREAM/base
            routes: [{name: echo, paths: [/echo]}]
        """.formatted(rsa.certificate().indent(6), rsa.key().indent(6), ecdsa.certificate().indent(6),
        ecdsa.key().indent(6)));
    fixture.gateway(file)
        .compose(gateway -> keyTypeServed(vertx, gateway, authority, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
            .compose(forRsa -> keyTypeServed(vertx, gateway, authority, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
                .map(forEcdsa -> List.of(forRsa, forEcdsa))))
        .onComplete(ctx.succeeding(served -> ctx.verify(() -> {
          assertEquals(List.of("RSA", "EC"), served);
          ctx.completeNow();
        })));
  }

  /** The key type of the certificate a TLS 1.2 client offering only {@code cipherSuite} is served, once answered. */
  private static Future<String> keyTypeServed(Vertx vertx, GatewayClient gateway, TestCertificates authority,
      String cipherSuite) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setForceSni(true)
        .setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(authority.caCertificate())))
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.2")).addEnabledCipherSuite(cipherSuite));
    SocketAddress listener = SocketAddress.inetSocketAddress(gateway.tlsPort(), "127.0.0.1");
    return client.request(new RequestOptions().setServer(listener).setHost("api.example.test")
            .setPort(gateway.tlsPort()).setURI("/echo").setTimeout(TIMEOUT_MS))
        .compose(request -> request.send().compose(response -> response.body().map(body -> {
          assertEquals(200, response.statusCode(), body.toString());
          try {
            return request.connection().peerCertificates().get(0).getPublicKey().getAlgorithm();
          } catch (SSLPeerUnverifiedException e) {
            throw new IllegalStateException(e);
          }
        })))
        .eventually(client::close);
  }

  /** The messages of a failure and its causes. */
  private static String causes(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable e = failure; e != null; e = e.getCause()) {
      messages.append(e.getMessage()).append(" / ");
    }
    return messages.toString();
  }

  /** An HTTPS upstream at {@code localhost} that requires a client certificate of {@code authority}. */
  private static Future<Integer> mutualTlsUpstream(Vertx vertx, TestCertificates authority) {
    TestCertificates.Issued own = authority.issue("localhost");
    return vertx.createHttpServer(new HttpServerOptions().setSsl(true).setClientAuth(ClientAuth.REQUIRED)
            .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(own.certificate()))
                .setKeyValue(Buffer.buffer(own.key())))
            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(authority.caCertificate()))))
        .requestHandler(request -> {
          String client;
          try {
            client = ((X509Certificate) request.connection().peerCertificates().get(0)).getSubjectX500Principal()
                .getName();
          } catch (Exception e) {
            client = "none";
          }
          request.response().end(new JsonObject().put("client", client).encode());
        })
        .listen(0, "127.0.0.1").map(server -> server.actualPort());
  }

  private static String upstreamFile(TestCertificates authority, TestCertificates.Issued client, int port) {
    return """
        _format_version: "3.0"
        ca_certificates:
          - id: internal-ca
            cert: |
        %s
        certificates:
          - id: gateway-client
            cert: |
        %s
            key: |
        %s
        services:
          - name: verified
            url: https://localhost:%d
            tls_verify: true
            ca_certificates: [internal-ca]
            client_certificate: {id: gateway-client}
            routes: [{name: verified, paths: [/verified]}]
          - name: no-client-certificate
            url: https://localhost:%4$d
            ca_certificates: [internal-ca]
            routes: [{name: no-client-certificate, paths: [/anonymous]}]
          - name: public-authorities
            url: https://localhost:%4$d
            client_certificate: {id: gateway-client}
            routes: [{name: public-authorities, paths: [/public]}]
          - name: unverified
            url: https://localhost:%4$d
            tls_verify: false
            client_certificate: {id: gateway-client}
            routes: [{name: unverified, paths: [/unverified]}]
        """.formatted(authority.caCertificate().indent(6), client.certificate().indent(6), client.key().indent(6),
        port);
  }

  @Test
  @DisplayName("checks an upstream's certificate against the service's CA certificates and shows it the gateway's "
      + "client certificate; an upstream it cannot trust, or that wants a certificate it lacks, is a 502")
  void upstreamTls(Vertx vertx, VertxTestContext ctx) {
    TestCertificates internal = new TestCertificates("internal authority");
    TestCertificates.Issued client = internal.issue("gateway.example.test");
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    mutualTlsUpstream(vertx, internal)
        .compose(port -> fixture.gateway(upstreamFile(internal, client, port)))
        .compose(gateway -> gateway.inTurn(List.of(
            g -> g.get("/verified").send(),
            g -> g.get("/anonymous").send(),
            g -> g.get("/public").send(),
            g -> g.get("/unverified").send())))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertEquals(200, answers.get(0).statusCode(), answers.get(0).bodyAsString());
          assertEquals("CN=gateway.example.test", answers.get(0).bodyAsJsonObject().getString("client"));
          assertEquals(502, answers.get(1).statusCode(), "the upstream wants a client certificate");
          assertEquals(502, answers.get(2).statusCode(), "no authority the JVM trusts signed the upstream's");
          assertEquals(200, answers.get(3).statusCode(), "tls_verify: false takes any certificate");
          ctx.completeNow();
        })));
  }

  /** An HTTPS upstream on 127.0.0.1 with a certificate for {@code backend.internal} only. */
  private static Future<Integer> namedUpstream(Vertx vertx, TestCertificates authority) {
    TestCertificates.Issued own = authority.issue("backend.internal");
    return vertx.createHttpServer(new HttpServerOptions().setSsl(true)
            .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(own.certificate()))
                .setKeyValue(Buffer.buffer(own.key()))))
        .requestHandler(request -> request.response().end(new JsonObject().put("host", request.authority().host())
            .encode()))
        .listen(0, "127.0.0.1").map(server -> server.actualPort());
  }

  @Test
  @DisplayName("checks an upstream's certificate for its name: the service's host, a name of tls_sans, or an upstream "
      + "entity's name rather than its target's address")
  void upstreamNames(Vertx vertx, VertxTestContext ctx) {
    TestCertificates internal = new TestCertificates("internal authority");
    GatewayFixture fixture = new GatewayFixture(vertx, dir);
    namedUpstream(vertx, internal)
        .compose(port -> fixture.gateway("""
            _format_version: "3.0"
            ca_certificates:
              - id: internal-ca
                cert: |
            %s
            upstreams:
              - name: backend.internal
                targets: [{target: "127.0.0.1:%d"}]
            services:
              - name: by-address
                url: https://127.0.0.1:%2$d
                ca_certificates: [internal-ca]
                routes: [{name: by-address, paths: [/address]}]
              - name: by-san
                url: https://127.0.0.1:%2$d
                ca_certificates: [internal-ca]
                tls_sans: {dnsnames: [backend.internal]}
                routes: [{name: by-san, paths: [/san]}]
              - name: other-san
                url: https://127.0.0.1:%2$d
                ca_certificates: [internal-ca]
                tls_sans: {dnsnames: [frontend.example], uris: ["spiffe://example/frontend"]}
                routes: [{name: other-san, paths: [/other]}]
              - name: by-upstream
                url: https://backend.internal
                ca_certificates: [internal-ca]
                routes: [{name: by-upstream, paths: [/upstream]}]
            """.formatted(internal.caCertificate().indent(6), port)))
        .compose(gateway -> gateway.inTurn(List.of(
            g -> g.get("/address").send(),
            g -> g.get("/san").send(),
            g -> g.get("/other").send(),
            g -> g.get("/upstream").send())))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertEquals(502, answers.get(0).statusCode(), "the certificate is not 127.0.0.1's");
          assertEquals(200, answers.get(1).statusCode(), "a name of tls_sans the certificate carries");
          assertEquals(502, answers.get(2).statusCode(), "names the certificate does not carry");
          assertEquals(200, answers.get(3).statusCode(), answers.get(3).bodyAsString());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses a certificate that is not PEM, a server name given twice, a missing CA and a tls_sans name that "
      + "is none")
  void validation() {
    TestCertificates authority = new TestCertificates("authority");
    TestCertificates.Issued api = authority.issue("api.example.test");
    String file = served(api, authority.issue("*.partners.example.test")).replace("UPSTREAM", "http://127.0.0.1:1");
    assertEquals(List.of("api.example.test"), GatewayFile.parse(file, KongPlugins.only()).certificates().get(0).snis());
    assertTrue(problem(file.replace("BEGIN CERTIFICATE", "BEGIN CERTIFICAT")).startsWith(
        "certificates[0].cert: expected a PEM certificate"));
    assertEquals("snis[0].name: the server name \"api.example.test\" is another certificate's already",
        problem(file.replace("\"*.partners.example.test\"", "api.example.test")));
    assertEquals("snis[0].certificate: no certificate named \"nope\" or with that id",
        problem(file.replace("certificate: {id: partners}", "certificate: {id: nope}")));
    assertEquals("services[0].ca_certificates[0]: no CA certificate with id \"missing\"",
        problem(file.replace("url: UPSTREAM/base", "url: UPSTREAM/base").replace("routes: [{name: echo",
            "ca_certificates: [missing]\n    routes: [{name: echo")));
    assertEquals("services[0].tls_sans.dnsnames[0]: expected a host name but got \"*.a.test\"",
        problem(file.replace("routes: [{name: echo", "tls_sans: {dnsnames: [\"*.a.test\"]}\n    routes: [{name: echo")));
    assertEquals("services[0].tls_sans.uris[0]: expected an absolute URI (spiffe://…) but got \"frontend\"",
        problem(file.replace("routes: [{name: echo", "tls_sans: {uris: [frontend]}\n    routes: [{name: echo")));
    assertTrue(problem(file.replace("routes: [{name: echo", "tls_sans: {ips: [10.0.0.1]}\n    routes: [{name: echo"))
        .startsWith("services[0].tls_sans.ips: unknown field"));
  }

  @Test
  @DisplayName("chooses a certificate by the exact name, then a leftmost or rightmost wildcard, else the first")
  void choice() {
    TestCertificates authority = new TestCertificates("authority");
    TestCertificates.Issued pair = authority.issue("any.test");
    List<GatewaySpec.Certificate> certificates = List.of(
        new GatewaySpec.Certificate("first", pair.certificate(), pair.key(), null, null, List.of("api.example.test")),
        new GatewaySpec.Certificate("left", pair.certificate(), pair.key(), null, null, List.of("*.partners.test")),
        new GatewaySpec.Certificate("right", pair.certificate(), pair.key(), null, null, List.of("mail.example.*")));
    ServerCertificates choice = (ServerCertificates) ServerCertificates.of(certificates);
    assertEquals("first", choice.certificateFor("API.example.test").id());
    assertEquals("left", choice.certificateFor("acme.partners.test").id());
    assertEquals("right", choice.certificateFor("mail.example.org").id());
    assertEquals("first", choice.certificateFor("unknown.test").id());
    assertEquals("first", choice.certificateFor(null).id());
    assertThrows(IllegalArgumentException.class, () -> ServerCertificates.of(List.of()));
  }

  @Test
  @DisplayName("refuses an encrypted key, a key that is not its certificate's, a half of an alternative pair or one of "
      + "the same key type, and a name that is no server name; reads keys in PKCS#8, PKCS#1 and SEC 1")
  void certificateProblems() {
    TestCertificates authority = new TestCertificates("authority");
    TestCertificates.Issued api = authority.issue("api.example.test");
    TestCertificates.Issued partners = authority.issue("*.partners.example.test");
    String file = served(api, partners).replace("UPSTREAM", "http://127.0.0.1:1");
    assertEquals("certificates[0].key: not the private key of cert (the first certificate of its PEM)",
        problem(served(new TestCertificates.Issued(api.certificate(), partners.key()), partners)
            .replace("UPSTREAM", "http://127.0.0.1:1")));
    TestCertificates.Issued ed25519 = authority.issueEd25519("api.example.test");
    assertEquals(2, GatewayFile.parse(served(ed25519, partners).replace("UPSTREAM", "http://127.0.0.1:1"),
        KongPlugins.only()).certificates().size(), "Ed25519");
    for (String algorithm : List.of("RSA", "EC")) {
      TestCertificates.Issued traditional = authority.issueTraditional("api.example.test", algorithm);
      assertEquals(2, GatewayFile.parse(served(traditional, partners).replace("UPSTREAM", "http://127.0.0.1:1"),
          KongPlugins.only()).certificates().size(), algorithm);
      TestCertificates.Issued mismatched = new TestCertificates.Issued(traditional.certificate(),
          authority.issueTraditional("api.example.test", algorithm).key());
      assertEquals("certificates[0].key: not the private key of cert (the first certificate of its PEM)",
          problem(served(mismatched, partners).replace("UPSTREAM", "http://127.0.0.1:1")), algorithm);
    }
    assertEquals("certificates[0].key: an encrypted key cannot be read here: give it unencrypted (a {vault://…} "
        + "reference keeps it out of the file)", problem(file.replaceFirst("BEGIN PRIVATE KEY", "BEGIN ENCRYPTED PRIVATE KEY")
        .replaceFirst("END PRIVATE KEY", "END ENCRYPTED PRIVATE KEY")));
    assertEquals("certificates[0].key: expected a PEM private key", problem(file.replaceFirst("BEGIN PRIVATE KEY",
        "BEGIN PUBLIC KEY")));
    assertEquals("certificates[0].key_alt: required with cert_alt", problem(file.replaceFirst("    snis: \\[api",
        "    cert_alt: \"x\"\n    snis: [api")));
    TestCertificates.Issued anotherEc = authority.issue("api.example.test");
    assertEquals("certificates[0].cert_alt: a certificate of another key type than cert's (EC): the handshake picks one "
        + "of the two by the key type the client takes", problem(file.replaceFirst("    snis: \\[api", "    cert_alt: |\n"
        + anotherEc.certificate().indent(6) + "    key_alt: |\n" + anotherEc.key().indent(6) + "    snis: [api")));
    assertEquals("certificates[0].snis[0]: expected a server name (a wildcard only leftmost or rightmost) but got "
        + "\"*.api.*\"", problem(file.replace("snis: [api.example.test]", "snis: [\"*.api.*\"]")));
  }

  private static String problem(String file) {
    return assertThrows(DeclarativeException.class, () -> GatewayFile.parse(file, KongPlugins.only())).getMessage();
  }
}
