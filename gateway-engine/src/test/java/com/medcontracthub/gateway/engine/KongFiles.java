package com.medcontracthub.gateway.engine;

import java.util.List;

/**
 * Kong decK files that the engine's tests serve and read, published in the engine's test-jar so that a product's tests
 * reuse them: {@code UPSTREAM} stands for the echo upstream's URL (as {@link GatewayFixture} writes files).
 */
public final class KongFiles {

  private KongFiles() {
  }

  /**
   * Routes to the echo upstream's {@code /base} under Kong's plugins, each on its own path ({@code /echo},
   * {@code /limited}, {@code /keyed}, {@code /basic}, {@code /gold}, {@code /anyone}, {@code /blocked}, {@code /small},
   * {@code /maintenance}), a service on {@code 127.0.0.1:NOWHERE} at {@code /nowhere}, and the consumers alice (key,
   * groups gold and staff), bob (key, group silver) and carol (basic credentials).
   */
  public static final String ROUTES = routes("");

  /** The echo upstream's {@code /base} at {@code /api}, behind openid-connect with {@code config} (a YAML flow map). */
  public static String openIdConnectApi(String config) {
    return """
        _format_version: "3.0"
        services:
          - name: echo
            url: UPSTREAM/base
            routes: [{name: api, paths: [/api]}]
            plugins:
              - name: openid-connect
                config: %s
        """.formatted(config);
  }

  /** {@link #ROUTES} with more {@code services}, decK service entries indented as under {@code services:}. */
  public static String routes(String services) {
    return """
        _format_version: "3.0"
        services:
          - name: echo
            url: UPSTREAM/base
            read_timeout: 500
            routes:
              - name: echo
                paths: [/echo]
                plugins:
                  - {name: correlation-id, config: {echo_downstream: true}}
                  - {name: cors, config: {origins: ["https://app.example"], max_age: 600}}
              - name: limited
                paths: [/limited]
                plugins: [{name: rate-limiting, config: {minute: 3}}]
              - name: keyed
                paths: [/keyed]
                plugins: [{name: key-auth, config: {hide_credentials: true}}]
              - name: basic
                paths: [/basic]
                plugins: [{name: basic-auth, config: {hide_credentials: true}}]
              - name: gold
                paths: [/gold]
                plugins: [{name: key-auth}, {name: acl, config: {allow: [gold]}}]
              - name: anyone
                paths: [/anyone]
                plugins: [{name: acl, config: {deny: [banned]}}]
              - name: blocked
                paths: [/blocked]
                plugins: [{name: ip-restriction, config: {deny: ["127.0.0.0/8", "::1"]}}]
              - name: small
                paths: [/small]
                plugins: [{name: request-size-limiting, config: {allowed_payload_size: 1, size_unit: kilobytes}}]
              - name: maintenance
                paths: [/maintenance]
                plugins: [{name: request-termination, config: {status_code: 503, message: Down for maintenance}}]
        %s  - name: nowhere
            url: http://127.0.0.1:NOWHERE
            connect_timeout: 1000
            routes: [{name: nowhere, paths: [/nowhere]}]
        consumers:
          - username: alice
            custom_id: tenant-7
            keyauth_credentials: [{key: alice-key}]
            acls: [{group: gold}, {group: staff}]
          - username: bob
            keyauth_credentials: [{key: bob-key}]
            acls: [{group: silver}]
          - username: carol
            basicauth_credentials: [{username: carol, password: "open sesame"}]
        """.formatted(services);
  }

  /** A file with one route, {@code path}, limited to {@code perMinute} requests a minute in this JVM. */
  public static String locallyLimited(String path, int perMinute) {
    return routePlugin("limited", path, "rate-limiting", "{minute: " + perMinute + "}");
  }

  /** A file with one route, {@code /traced}, to the echo upstream, under one global plugin: {@code name}. */
  public static String tracedRoute(String name, String config) {
    return globalPlugin("traced", "/traced", name, config);
  }

  /**
   * A file with one service, echo, to the echo upstream's {@code /base}, and its one route, {@code route} on
   * {@code path}; the route has one plugin: {@code plugin} with {@code config}.
   */
  public static String routePlugin(String route, String path, String plugin, String config) {
    return echoRoute(route, path, 8, plugin, config);
  }

  /** The same file, but the plugin is the service's. */
  public static String servicePlugin(String route, String path, String plugin, String config) {
    return echoRoute(route, path, 4, plugin, config);
  }

  /** The same file, but the plugin is global: declared for the whole file. */
  public static String globalPlugin(String route, String path, String plugin, String config) {
    return echoRoute(route, path, 0, plugin, config);
  }

  private static String echoRoute(String route, String path, int pluginIndent, String plugin, String config) {
    return """
        _format_version: "3.0"
        services:
          - name: echo
            url: UPSTREAM/base
            routes:
              - name: %s
                paths: [%s]
        """.formatted(route, path) + """
        plugins:
          - name: %s
            config: %s
        """.formatted(plugin, config).indent(pluginIndent);
  }

  /** A file and the problem reading it names. */
  public record Problem(String file, String named) {
  }

  /** Three services, the third under one plugin: {@code plugin}, with {@code config} between the braces. */
  public static String thirdServicePlugin(String plugin, String config) {
    return """
        _format_version: "3.0"
        services:
          - {name: a, url: "http://127.0.0.1:1"}
          - {name: b, url: "http://127.0.0.1:2"}
          - name: c
            url: http://127.0.0.1:3
            plugins:
              - name: %s
                config: {%s}
        """.formatted(plugin, config);
  }

  /** Problems in a known plugin's config, named the same whatever plugins a product registers. */
  public static final List<Problem> PLUGIN_CONFIG_PROBLEMS = List.of(
      new Problem(thirdServicePlugin("rate-limiting", "minute: ten"),
          "services[2].plugins[0].config.minute: expected a number (>= 0.0) but got string \"ten\""),
      new Problem(thirdServicePlugin("rate-limiting", "minutes: 10"),
          "services[2].plugins[0].config.minutes: unknown field; known: day, error_code, error_message, "
          + "fault_tolerant, header_name, hide_client_headers, hour, limit_by, minute, month, path, policy, redis, "
          + "redis_database, redis_host, redis_password, redis_port, redis_server_name, redis_ssl, redis_ssl_verify, "
          + "redis_timeout, redis_username, second, sync_rate, window_type, year"),
      new Problem(thirdServicePlugin("rate-limiting", ""),
          "services[2].plugins[0].config: give at least one of second, minute, hour, day, month, year"),
      new Problem(thirdServicePlugin("ip-restriction", "allow: [10.0.0.0/99]"),
          "services[2].plugins[0].config.allow[0]: expected an IP address or CIDR range but got \"10.0.0.0/99\""),
      new Problem(thirdServicePlugin("opentelemetry",
          "traces_endpoint: \"grpc://collector:4317\", propagation: {extract: [w3c, b3-single]}"),
          "services[2].plugins[0].config.propagation.extract[1]: expected one of w3c, b3, jaeger, ot, aws, "
          + "datadog, gcp, instana but got \"b3-single\""),
      new Problem(thirdServicePlugin("rate-limiting", "minute: 5, policy: memcached"),
          "services[2].plugins[0].config.policy: expected one of local, cluster, redis but got \"memcached\""));

  /** A service on an upstream scheme no one registers: the problem names the schemes there are. */
  public static final String FTP_SERVICE = """
      _format_version: "3.0"
      services: [{name: a, url: "ftp://x"}]
      """;

  /** Problems in a file's own fields and references, named the same whatever a product registers. */
  public static final List<Problem> FILE_PROBLEMS = List.of(
      new Problem("_format_version: \"1.1\"", "_format_version: expected \"3.0\" but got string \"1.1\""),
      new Problem("""
          _format_version: "3.0"
          services: [{name: a, url: "http://x", routes: [{pathz: [/a]}]}]
          """,
          "services[0].routes[0].pathz: unknown field; known: expression, filter_chains, headers, hosts, "
          + "https_redirect_status_code, id, methods, name, path_handling, paths, plugins, preserve_host, priority, "
          + "protocols, regex_priority, request_buffering, response_buffering, strip_path, tags"),
      new Problem("""
          _format_version: "3.0"
          services: [{name: a, url: "http://x", routes: [{name: r, paths: [/a]}]}]
          plugins: [{name: cors, route: nope}]
          """, "plugins[0].route: no route named \"nope\" or with that id"),
      new Problem("""
          _format_version: "3.0"
          services: [{name: a, url: "http://x", routes: [{paths: ["~/a/(b"]}]}]
          """, "services[0].routes[0].paths[0]: not a regular expression: Unclosed group"));
}
