package com.medcontracthub.gateway.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a declarative file in Kong's decK format ({@code _format_version: "3.0"}): services with nested routes,
 * top-level routes naming their service, plugins at global, service, route and consumer level, and consumers with
 * their key-auth credentials. Kong's field names and defaults; anything else stops with the path of the problem.
 * Plugins and upstream schemes a product registered ({@link GatewayExtensions}) are read as Kong's own.
 */
public final class GatewayFile {

  private static final Set<String> TOP = Set.of("_format_version", "_transform", "_info", "services", "routes",
      "plugins", "consumers", "upstreams", "vaults", "certificates", "snis", "ca_certificates", "key_sets", "keys", "filter_chains",
      "consumer_groups");
  private static final Set<String> SERVICE = Set.of("name", "id", "url", "protocol", "host", "port", "path",
      "connect_timeout", "read_timeout", "write_timeout", "retries", "enabled", "tags", "routes", "plugins",
      "tls_verify", "tls_verify_depth", "ca_certificates", "client_certificate", "tls_sans", "filter_chains");
  private static final Set<String> TLS_SANS = Set.of("dnsnames", "uris");
  private static final Set<String> ROUTE = Set.of("name", "id", "paths", "methods", "hosts", "headers", "strip_path",
      "preserve_host", "protocols", "regex_priority", "path_handling", "https_redirect_status_code",
      "request_buffering", "response_buffering", "tags", "plugins", "expression", "priority", "filter_chains");
  private static final Set<String> TOP_ROUTE = union(ROUTE, Set.of("service"));
  private static final Set<String> PLUGIN = Set.of("name", "id", "config", "enabled", "protocols", "tags",
      "instance_name");
  private static final Set<String> TOP_PLUGIN = union(PLUGIN, Set.of("service", "route", "consumer", "consumer_group"));
  private static final Set<String> CONSUMER = Set.of("username", "custom_id", "id", "tags", "plugins", "groups",
      "keyauth_credentials", "basicauth_credentials", "hmacauth_credentials", "jwt_secrets", "acls");
  private static final Set<String> HMACAUTH = Set.of("username", "secret", "id", "tags");
  private static final Set<String> BASICAUTH = Set.of("username", "password", "id", "tags");
  private static final Set<String> ACL = Set.of("group", "id", "tags");
  private static final Set<String> JWT_SECRET = Set.of("key", "algorithm", "secret", "rsa_public_key", "id", "tags");
  private static final String[] JWT_ALGORITHMS = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256",
      "ES384", "ES512", "PS256", "PS384", "PS512"};
  private static final Set<String> KEYAUTH = Set.of("key", "id", "tags", "ttl");
  private static final long MAX_TIMEOUT_MS = 2_147_483_646L;
  /** Kong's plugins that run Lua written in the file: Kong's nginx runs it, a JVM cannot. */
  private static final Set<String> LUA_PLUGINS = Set.of("pre-function", "post-function");
  /** Kong's largest expression-route priority, 2^46 - 1. */
  private static final long MAX_PRIORITY = (1L << 46) - 1;

  private final GatewayExtensions extensions;

  private GatewayFile(GatewayExtensions extensions) {
    this.extensions = extensions;
  }

  /** The file, with the plugins and upstreams of {@code extensions}. */
  public static GatewaySpec read(Path file, GatewayExtensions extensions) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(text, extensions);
  }

  public static GatewaySpec parse(String yaml, GatewayExtensions extensions) {
    return parse(yaml, System.getenv(), extensions);
  }

  /** @param env what decK's {@code ${{ env "DECK_…" }}} and Kong's {@code {vault://env/…}} references read */
  public static GatewaySpec parse(String yaml, Map<String, String> env, GatewayExtensions extensions) {
    return new GatewayFile(extensions).spec(DeckTemplates.render(yaml, env), env);
  }

  private GatewaySpec spec(String yaml, Map<String, String> env) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new DeclarativeException("(file)", "not YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    Node top = new Node(document instanceof Map<?, ?> map
        ? new JsonObject(jsonable(map, "", Vaults.read(map.get("vaults"), env))) : document, "", TOP);
    String version = String.valueOf(top.raw("_format_version"));
    if (!version.equals("3.0")) {
      throw new DeclarativeException("_format_version", "expected \"3.0\" but got " + Node.describe(top.raw("_format_version")));
    }
    noFilterChains(top);
    // decK's _transform: false says credentials are stored already transformed (basic-auth passwords hashed by Kong)
    boolean transform = top.bool("_transform", true);
    Map<String, GatewaySpec.Balancing> upstreams = UpstreamsSection.read(top);
    CertificatesSection certificates = CertificatesSection.read(top);
    KeysSection.check(top);
    References<ServiceBuilder> services = new References<>("service");
    References<GatewaySpec.Route> routes = new References<>("route");
    List<ServiceBuilder> declared = new ArrayList<>();
    for (Node node : top.nodes("services", SERVICE)) {
      noFilterChains(node);
      ServiceBuilder service = service(node, upstreams, certificates);
      services.add(node, "name", node.string("name", null), node.string("id", null), service);
      declared.add(service);
      for (Node route : node.nodes("routes", ROUTE)) {
        addRoute(route, service, routes);
      }
    }
    List<GatewaySpec.Route> serviceless = new ArrayList<>();
    for (Node node : top.nodes("routes", TOP_ROUTE)) {
      addRoute(node, node.has("service") ? services.resolve(node, "service") : null, routes).ifPresent(serviceless::add);
    }
    List<GatewaySpec.Consumer> consumers = new ArrayList<>();
    References<List<GatewaySpec.Plugin>> consumerPlugins = new References<>("consumer");
    ConsumerGroups consumerGroups = new ConsumerGroups(top, group -> plugins(group, PLUGIN));
    for (Node node : top.nodes("consumers", CONSUMER)) {
      String username = node.requiredString("username");
      List<String> keys = node.nodes("keyauth_credentials", KEYAUTH).stream().map(k -> k.requiredString("key")).toList();
      List<GatewaySpec.JwtSecret> secrets = node.nodes("jwt_secrets", JWT_SECRET).stream().map(GatewayFile::jwtSecret)
          .toList();
      List<GatewaySpec.Plugin> plugins = new ArrayList<>(plugins(node, PLUGIN));
      consumerPlugins.add(node, "username", username, node.string("id", null), plugins);
      consumerGroups.member(node, plugins);
      List<String> groups = node.nodes("acls", ACL).stream().map(acl -> acl.requiredString("group")).toList();
      List<GatewaySpec.BasicCredential> basic = basicCredentials(node, transform);
      List<GatewaySpec.HmacCredential> hmac = node.nodes("hmacauth_credentials", HMACAUTH).stream()
          .map(GatewayFile::hmacCredential).toList();
      consumers.add(new GatewaySpec.Consumer(username, node.string("custom_id", null), keys, basic, hmac, secrets,
          groups, plugins));
    }
    checkUniqueKeys(consumers);
    List<GatewaySpec.Plugin> global = new ArrayList<>();
    for (Node node : top.nodes("plugins", TOP_PLUGIN)) {
      GatewaySpec.Plugin plugin = plugin(node);
      List<String> scopes = Stream.of("service", "route", "consumer", "consumer_group").filter(node::has).toList();
      if (scopes.size() > 1) {
        throw new DeclarativeException(node.path(scopes.get(1)), "a plugin scoped to both a " + scopes.get(0)
            + " and a " + scopes.get(1) + " is not supported: scope it to one of them");
      }
      if (plugin == null) {
        continue;
      }
      if (node.has("route")) {
        routes.resolve(node, "route").plugins().add(plugin);
      } else if (node.has("service")) {
        services.resolve(node, "service").plugins.add(plugin);
      } else if (node.has("consumer")) {
        consumerPlugins.resolve(node, "consumer").add(plugin);
      } else if (node.has("consumer_group")) {
        consumerGroups.resolve(node).add(plugin);
      } else {
        global.add(plugin);
      }
    }
    consumerGroups.join();
    return new GatewaySpec(declared.stream().map(ServiceBuilder::build).toList(), List.copyOf(serviceless),
        List.copyOf(global), List.copyOf(consumers), certificates.certificates());
  }

  /** The route at {@code node}, added to {@code service}; returned when it has none. */
  private Optional<GatewaySpec.Route> addRoute(Node node, ServiceBuilder service, References<GatewaySpec.Route> routes) {
    GatewaySpec.Route route = route(node);
    routes.add(node, "name", node.string("name", null), node.string("id", null), route);
    if (service == null) {
      return Optional.of(route);
    }
    service.routes.add(route);
    return Optional.empty();
  }

  /** A service, without its routes; one with no name is named by its id. */
  private ServiceBuilder service(Node node, Map<String, GatewaySpec.Balancing> upstreams,
      CertificatesSection certificates) {
    String name = node.string("name", node.string("id", null));
    if (name == null) {
      throw new DeclarativeException(node.path("name"), "required: a service needs a name or an id");
    }
    GatewaySpec.Upstream upstream = upstream(node, upstreams);
    ServiceBuilder service = new ServiceBuilder(name, upstream,
        node.integer("connect_timeout", 60_000, 1, MAX_TIMEOUT_MS), node.integer("read_timeout", 60_000, 1, MAX_TIMEOUT_MS),
        node.integer("write_timeout", 60_000, 1, MAX_TIMEOUT_MS), (int) node.integer("retries", 5, 0, 32_767),
        upstreamTls(node, certificates));
    node.bool("enabled", true);
    node.strings("tags");
    service.plugins.addAll(plugins(node, PLUGIN));
    return service;
  }

  /**
   * How an {@code https://} upstream is checked: {@code tls_verify} (unset: verified, where Kong would not verify),
   * against the listed {@code ca_certificates} or the JVM's authorities, for the service's host or a name of
   * {@code tls_sans}, with the gateway's {@code client_certificate}.
   */
  private static GatewaySpec.UpstreamTls upstreamTls(Node node, CertificatesSection certificates) {
    node.integer("tls_verify_depth", 1, 0, 64);
    Node sans = new Node(node.object("tls_sans"), node.path("tls_sans"), TLS_SANS);
    List<String> dnsNames = sans.strings("dnsnames");
    for (int i = 0; i < dnsNames.size(); i++) {
      if (!UpstreamNames.DNS_NAME.matcher(dnsNames.get(i)).matches()) {
        throw new DeclarativeException(sans.path("dnsnames") + "[" + i + "]",
            "expected a host name but got \"" + dnsNames.get(i) + "\"");
      }
    }
    List<String> uris = sans.strings("uris");
    for (int i = 0; i < uris.size(); i++) {
      if (!UpstreamNames.isAbsoluteUri(uris.get(i))) {
        throw new DeclarativeException(sans.path("uris") + "[" + i + "]",
            "expected an absolute URI (spiffe://…) but got \"" + uris.get(i) + "\"");
      }
    }
    return new GatewaySpec.UpstreamTls(node.bool("tls_verify", true), certificates.authorities(node, "ca_certificates"),
        node.has("client_certificate") ? certificates.certificate(node, "client_certificate") : null, dnsNames, uris);
  }

  private GatewaySpec.Upstream upstream(Node node, Map<String, GatewaySpec.Balancing> upstreams) {
    GatewaySpec.Upstream upstream = declaredUpstream(node);
    GatewaySpec.Balancing balancing = upstream.host() == null ? null : upstreams.get(upstream.host());
    return balancing == null ? upstream : new GatewaySpec.Upstream(upstream.scheme(), upstream.host(), upstream.port(),
        upstream.path(), null, balancing);
  }

  private GatewaySpec.Upstream declaredUpstream(Node node) {
    if (node.has("url")) {
      if (node.has("host") || node.has("protocol") || node.has("port") || node.has("path")) {
        throw new DeclarativeException(node.path("url"), "give either url or protocol/host/port/path, not both");
      }
      String url = node.requiredString("url");
      for (String scheme : extensions.schemes()) {
        if (url.startsWith(scheme + "://")) {
          String address = url.substring(scheme.length() + "://".length());
          if (!address.matches("[A-Za-z0-9._-]+")) {
            throw new DeclarativeException(node.path("url"), "expected " + scheme + "://<address> but got \"" + url
                + "\"");
          }
          return new GatewaySpec.Upstream(scheme, null, 0, null, address, null);
        }
      }
      try {
        URI uri = new URI(url);
        if (uri.getHost() == null && uri.getRawAuthority() != null) {
          // a name java.net.URI does not take as a host (an upstream called my_upstream), read as Kong does
          Matcher authority = UpstreamsSection.HOST_PORT.matcher(uri.getRawAuthority());
          if (authority.matches() && authority.group(3) != null) {
            return http(node, uri.getScheme(), authority.group(3),
                authority.group(4) == null ? -1 : Integer.parseInt(authority.group(4)), uri.getRawPath());
          }
        }
        return http(node, uri.getScheme(), uri.getHost(), uri.getPort(), uri.getRawPath());
      } catch (URISyntaxException e) {
        throw new DeclarativeException(node.path("url"), "not a URL: " + e.getMessage());
      }
    }
    return http(node, node.string("protocol", "http"), node.requiredString("host"),
        (int) node.integer("port", -1, 1, 65_535), node.string("path", null));
  }

  private GatewaySpec.Upstream http(Node node, String scheme, String host, int port, String path) {
    String where = node.has("url") ? node.path("url") : node.path("protocol");
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new DeclarativeException(where, "expected an " + schemes() + " upstream but got " + scheme);
    }
    if (host == null || host.isBlank()) {
      throw new DeclarativeException(where, "the upstream names no host");
    }
    int effectivePort = port > 0 ? port : scheme.equals("https") ? 443 : 80;
    return new GatewaySpec.Upstream(scheme, host, effectivePort, path == null || path.isEmpty() ? "/" : path, null, null);
  }

  /** {@code http:// or https://}, with the registered schemes: {@code http://, https:// or eventbus://}. */
  private String schemes() {
    List<String> all = new ArrayList<>(List.of("http://", "https://"));
    extensions.schemes().forEach(scheme -> all.add(scheme + "://"));
    return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
  }

  private GatewaySpec.Route route(Node node) {
    noFilterChains(node);
    String name = node.string("name", null);
    List<String> paths = new ArrayList<>();
    List<Pattern> regexPaths = new ArrayList<>();
    List<String> declared = node.strings("paths");
    for (int i = 0; i < declared.size(); i++) {
      String path = declared.get(i);
      if (path.startsWith("~")) {
        try {
          regexPaths.add(Pattern.compile(path.substring(1)));
        } catch (PatternSyntaxException e) {
          throw new DeclarativeException(node.path("paths") + "[" + i + "]", "not a regular expression: "
              + e.getDescription());
        }
      } else if (path.startsWith("/")) {
        paths.add(path);
      } else {
        throw new DeclarativeException(node.path("paths") + "[" + i + "]", "expected a path starting with / or ~");
      }
    }
    List<String> methods = node.strings("methods").stream().map(m -> m.toUpperCase(java.util.Locale.ROOT)).toList();
    List<String> hosts = node.strings("hosts");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    JsonObject declaredHeaders = node.object("headers");
    for (String header : declaredHeaders.fieldNames()) {
      Object values = declaredHeaders.getValue(header);
      if (!(values instanceof JsonArray list) || list.stream().anyMatch(v -> !(v instanceof String))) {
        throw new DeclarativeException(node.path("headers") + "." + header, "expected a list of values but got "
            + Node.describe(values));
      }
      headers.put(header.toLowerCase(java.util.Locale.ROOT), list.stream().map(String.class::cast).toList());
    }
    boolean traditional = !paths.isEmpty() || !regexPaths.isEmpty() || !methods.isEmpty() || !hosts.isEmpty()
        || !headers.isEmpty();
    RouteExpression expression = null;
    if (node.has("expression")) {
      if (traditional) {
        throw new DeclarativeException(node.path("expression"), "an expression route takes no paths, methods, hosts "
            + "or headers: say them in the expression");
      }
      try {
        expression = ExpressionParser.parse(node.requiredString("expression"));
      } catch (IllegalArgumentException e) {
        throw new DeclarativeException(node.path("expression"), e.getMessage());
      }
    } else if (!traditional) {
      throw new DeclarativeException(node.path(), "a route needs at least one of paths, methods, hosts or headers, or "
          + "an expression");
    }
    node.strings("protocols");
    node.strings("tags");
    node.string("id", null);
    node.oneOf("path_handling", "v0", "v0", "v1");
    node.integer("https_redirect_status_code", 426, 100, 599);
    node.bool("request_buffering", true);
    node.bool("response_buffering", true);
    return new GatewaySpec.Route(name == null ? node.path() : name, node.path(), List.copyOf(paths),
        List.copyOf(regexPaths), methods, hosts, headers, node.bool("strip_path", true), node.bool("preserve_host", false),
        (int) node.integer("regex_priority", 0, Integer.MIN_VALUE, Integer.MAX_VALUE), expression,
        node.integer("priority", 0, 0, MAX_PRIORITY), new ArrayList<>(plugins(node, PLUGIN)));
  }

  private List<GatewaySpec.Plugin> plugins(Node owner, Set<String> known) {
    List<GatewaySpec.Plugin> plugins = new ArrayList<>();
    for (Node node : owner.nodes("plugins", known)) {
      GatewaySpec.Plugin plugin = plugin(node);
      if (plugin != null) {
        plugins.add(plugin);
      }
    }
    return plugins;
  }

  private static void noFilterChains(Node node) {
    if (node.has("filter_chains")) {
      throw new DeclarativeException(node.path("filter_chains"), "WASM filter chains run inside Kong's nginx "
          + "(proxy-wasm); this gateway runs on the JVM and cannot load them");
    }
  }

  /** The plugin with its config validated; null when it is disabled. */
  private GatewaySpec.Plugin plugin(Node node) {
    String name = node.requiredString("name");
    if (LUA_PLUGINS.contains(name) && extensions.plugins().schema(name).isEmpty()) {
      throw new DeclarativeException(node.path("name"), name + " runs the Lua code written in the file inside Kong's "
          + "nginx; this gateway runs on the JVM and cannot run it (a product plugin, PluginType, does such work here)");
    }
    ConfigSchema schema = extensions.plugins().schema(name)
        .orElseThrow(() -> new DeclarativeException(node.path("name"), "unknown plugin \"" + name + "\"; known: "
            + String.join(", ", extensions.plugins().names())));
    JsonObject config = schema.read(node.raw("config"), node.path("config"));
    node.strings("protocols");
    node.strings("tags");
    node.string("id", null);
    node.string("instance_name", null);
    GatewaySpec.Plugin plugin = new GatewaySpec.Plugin(name, config, node.path());
    extensions.plugins().check(plugin);
    return node.bool("enabled", true) ? plugin : null;
  }

  /**
   * A consumer's {@code basicauth_credentials}: a password as written (with {@code _transform: true}, decK's default)
   * is hashed here as Kong would; one Kong already hashed ({@code _transform: false}) is kept, salted with the
   * consumer's {@code id}, which it then needs.
   */
  private static List<GatewaySpec.BasicCredential> basicCredentials(Node consumer, boolean transform) {
    List<GatewaySpec.BasicCredential> credentials = new ArrayList<>();
    for (Node node : consumer.nodes("basicauth_credentials", BASICAUTH)) {
      String username = node.requiredString("username");
      String password = node.requiredString("password");
      node.string("id", null);
      node.strings("tags");
      String salt = consumer.string("id", null);
      if (transform) {
        salt = salt == null ? consumer.requiredString("username") : salt;
        credentials.add(new GatewaySpec.BasicCredential(username, BasicPasswords.sha1(password, salt), salt));
      } else if (salt == null) {
        throw new DeclarativeException(consumer.path("id"),
            "required: a password Kong hashed (_transform: false) is salted with its consumer's id");
      } else if (!password.matches("[0-9a-f]{40}")) {
        throw new DeclarativeException(node.path("password"), "expected Kong's SHA-1 hash (_transform: false)");
      } else {
        credentials.add(new GatewaySpec.BasicCredential(username, password, salt));
      }
    }
    return credentials;
  }

  /** The secret is required: Kong makes one up when none is given, which a file could not share with its client. */
  private static GatewaySpec.HmacCredential hmacCredential(Node node) {
    node.string("id", null);
    node.strings("tags");
    return new GatewaySpec.HmacCredential(node.requiredString("username"), node.requiredString("secret"));
  }

  private static GatewaySpec.JwtSecret jwtSecret(Node node) {
    String algorithm = node.oneOf("algorithm", "HS256", JWT_ALGORITHMS);
    String secret = node.string("secret", null);
    String publicKey = node.string("rsa_public_key", null);
    if (algorithm.startsWith("HS") && (secret == null || secret.isEmpty())) {
      throw new DeclarativeException(node.path("secret"), "required for " + algorithm);
    }
    if (!algorithm.startsWith("HS") && (publicKey == null || !publicKey.contains("-----BEGIN PUBLIC KEY-----"))) {
      throw new DeclarativeException(node.path("rsa_public_key"), "a PEM public key is required for " + algorithm);
    }
    node.strings("tags");
    node.string("id", null);
    return new GatewaySpec.JwtSecret(node.requiredString("key"), algorithm, secret, publicKey, node.path());
  }

  /** Credentials that name their consumer must name one only: key-auth keys and HMAC usernames. */
  private static void checkUniqueKeys(List<GatewaySpec.Consumer> consumers) {
    Set<String> keys = new HashSet<>();
    Set<String> hmacUsers = new HashSet<>();
    for (GatewaySpec.Consumer consumer : consumers) {
      for (String key : consumer.keys()) {
        if (!keys.add(key)) {
          throw new DeclarativeException("consumers", "the key-auth key of consumer \"" + consumer.username()
              + "\" is also another consumer's");
        }
      }
      for (GatewaySpec.HmacCredential credential : consumer.hmacCredentials()) {
        if (!hmacUsers.add(credential.username())) {
          throw new DeclarativeException("consumers", "the hmac-auth username \"" + credential.username()
              + "\" of consumer \"" + consumer.username() + "\" is also another credential's");
        }
      }
    }
  }

  /** SnakeYAML's maps and lists as Vert.x JSON accepts them, with Kong's secret references resolved. */
  private static Map<String, Object> jsonable(Map<?, ?> map, String path, Vaults vaults) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k),
        jsonableValue(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, vaults)));
    return out;
  }

  private static Object jsonableValue(Object value, String path, Vaults vaults) {
    if (value instanceof Map<?, ?> map) {
      return new JsonObject(jsonable(map, path, vaults));
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      for (int i = 0; i < list.size(); i++) {
        array.add(jsonableValue(list.get(i), path + "[" + i + "]", vaults));
      }
      return array;
    }
    if (value instanceof String text && text.startsWith("{vault://")) {
      return vaults.resolve(text, path);
    }
    return value;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private static final class ServiceBuilder {
    private final String name;
    private final GatewaySpec.Upstream upstream;
    private final long connect;
    private final long read;
    private final long write;
    private final int retries;
    private final GatewaySpec.UpstreamTls tls;
    private final List<GatewaySpec.Route> routes = new ArrayList<>();
    private final List<GatewaySpec.Plugin> plugins = new ArrayList<>();

    ServiceBuilder(String name, GatewaySpec.Upstream upstream, long connect, long read, long write, int retries,
        GatewaySpec.UpstreamTls tls) {
      this.tls = tls;
      this.name = name;
      this.upstream = upstream;
      this.connect = connect;
      this.read = read;
      this.write = write;
      this.retries = retries;
    }

    GatewaySpec.Service build() {
      return new GatewaySpec.Service(name, upstream, connect, read, write, retries, tls, List.copyOf(routes),
          List.copyOf(plugins));
    }
  }
}
