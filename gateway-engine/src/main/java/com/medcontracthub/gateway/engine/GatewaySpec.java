package com.medcontracthub.gateway.engine;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validated declarative file: its services with their routes, the routes declared without a service (they run their
 * plugins, and answer 503 if none of those answered), plugins at every level, and consumers.
 */
public record GatewaySpec(List<Service> services, List<Route> servicelessRoutes, List<Plugin> globalPlugins,
    List<Consumer> consumers, List<Certificate> certificates) {

  /** What the plugins of a route without a service see as its service: no name, no upstream. */
  public static final Service NO_SERVICE = new Service("", null, 0, 0, 0, 0, UpstreamTls.DEFAULT, List.of(),
      List.of());

  /**
   * An upstream: {@code http(s)://host:port/path} or {@code <scheme>://address} of a registered scheme; timeouts in ms;
   * how an {@code https://} upstream's certificate is checked, and the gateway's own, if it shows one.
   */
  public record Service(String name, Upstream upstream, long connectTimeoutMs, long readTimeoutMs,
      long writeTimeoutMs, int retries, UpstreamTls tls, List<Route> routes, List<Plugin> plugins) {
  }

  /**
   * A service's {@code tls_verify} (false: any certificate is taken), the {@code ca_certificates} (PEM) its
   * certificate must chain to (none: the JVM's trusted authorities), the further names of {@code tls_sans} its
   * certificate may carry instead of the service's host ({@code dnsnames}, {@code uris}), and its
   * {@code client_certificate}, which the gateway shows the upstream (mutual TLS), or null.
   */
  public record UpstreamTls(boolean verify, List<String> caCertificates, Certificate clientCertificate,
      List<String> sanDnsNames, List<String> sanUris) {

    public static final UpstreamTls DEFAULT = new UpstreamTls(true, List.of(), null, List.of(), List.of());

    /** Whether names beyond the host are accepted, which the gateway then checks itself. */
    public boolean extraNames() {
      return !sanDnsNames.isEmpty() || !sanUris.isEmpty();
    }
  }

  /**
   * A certificate of the file's {@code certificates}: its PEM chain and key, the alternative pair of another key type
   * ({@code cert_alt}, {@code key_alt}; null when there is none), and the server names ({@code snis},
   * {@code *.example.com} and {@code example.*} wildcards too) it is served for.
   */
  public record Certificate(String id, String certificate, String key, String alternateCertificate,
      String alternateKey, List<String> snis) {
  }

  /**
   * Where a service's requests go: {@code host}, {@code port} and {@code path} for {@code http(s)}, with
   * {@code balancing} when its host names one of the file's {@code upstreams}; {@code address} for a scheme a product
   * registered ({@link com.medcontracthub.gateway.engine.UpstreamType}).
   */
  public record Upstream(String scheme, String host, int port, String path, String address, Balancing balancing) {
  }

  /**
   * One of the file's {@code upstreams} (Kong's load balancer): its targets, picked by {@code algorithm}
   * ({@code round-robin}, {@code least-connections} or {@code consistent-hashing}) in proportion to their weights,
   * among those its {@code healthChecks} find healthy; {@code hostHeader}, when set, is the Host the targets get.
   * Consistent hashing hashes the first of {@code hashOn} that the request has, on a ring of {@code slots} points.
   */
  public record Balancing(String name, String algorithm, String hostHeader, List<Target> targets,
      JsonObject healthChecks, List<HashInput> hashOn, int slots) {

    public boolean hashes() {
      return algorithm.equals("consistent-hashing");
    }
  }

  /**
   * What consistent hashing hashes: {@code source} is Kong's {@code hash_on} ({@code consumer}, {@code ip},
   * {@code header}, {@code cookie}, {@code path}, {@code query_arg} or {@code uri_capture}), {@code name} the header,
   * cookie, query argument or capture group it reads, {@code cookiePath} the Path of a cookie the gateway sets.
   */
  public record HashInput(String source, String name, String cookiePath) {
  }

  /** A target of an upstream: {@code host:port}, and its weight (0 takes no requests). */
  public record Target(String host, int port, int weight) {
  }

  /**
   * What a route matches: any of {@code paths} (a prefix, or a regular expression after {@code ~}), any of
   * {@code methods} and {@code hosts} (empty = any), and every header of {@code headers} with one of its values; or,
   * for an expression route (Kong's expressions router), its {@code expression}, tried by {@code priority}.
   */
  public record Route(String name, String path, List<String> paths, List<Pattern> regexPaths, List<String> methods,
      List<String> hosts, Map<String, List<String>> headers, boolean stripPath, boolean preserveHost,
      int regexPriority, RouteExpression expression, long priority, List<Plugin> plugins) {
  }

  /** A plugin instance: its Kong name, its config with Kong's defaults filled in, and where it was declared. */
  public record Plugin(String name, JsonObject config, String path) {
  }

  /**
   * A consumer: its key-auth keys, basic-auth, HMAC and JWT credentials, ACL groups ({@code acls}) and own plugins.
   */
  public record Consumer(String username, String customId, List<String> keys, List<BasicCredential> basicCredentials,
      List<HmacCredential> hmacCredentials, List<JwtSecret> jwtSecrets, List<String> groups, List<Plugin> plugins) {
  }

  /** A consumer's {@code hmacauth_credentials}: the username a signature names, and the shared secret it is made with. */
  public record HmacCredential(String username, String secret) {
  }

  /**
   * A consumer's basic-auth credential, its password kept as Kong keeps it: SHA-1 in hex of the password followed by
   * {@code salt} (the consumer's id in Kong).
   */
  public record BasicCredential(String username, String passwordSha1, String salt) {
  }

  /** A consumer's JWT credential: {@code key} is the value of the token's key claim (Kong's {@code iss} by default). */
  public record JwtSecret(String key, String algorithm, String secret, String publicKey, String path) {
  }
}
