package com.medcontracthub.gateway.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.GatewayFile;
import com.medcontracthub.gateway.engine.GatewayExtensions;
import com.medcontracthub.gateway.engine.GatewaySpec;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The product's declarative files, and the engine's checks as they read with the product's plugins and upstreams. */
@DisplayName("The declarative gateway file with the product's extensions")
class ProductFileTest {

  private static final GatewayExtensions PRODUCT = ProductExtensions.forValidation();

  @Test
  @DisplayName("accepts the example file the project ships")
  void shippedExample() {
    GatewaySpec spec = GatewayFile.read(Path.of("../../conf/gateway.example.yaml"), PRODUCT);
    assertEquals(List.of("partner-search", "partner-read"), spec.services().stream().map(GatewaySpec.Service::name)
        .toList());
    assertEquals(List.of("correlation-id", "key-auth", "rate-limiting", "prometheus"),
        spec.globalPlugins().stream().map(GatewaySpec.Plugin::name).toList());
  }

  @Test
  @DisplayName("serves the product's API from its own file: every route behind the product's login, on a known address")
  void productFile() throws IllegalAccessException {
    GatewaySpec spec = GatewayFile.read(Path.of("../../conf/gateway.yaml"), PRODUCT);
    Set<Object> addresses = new HashSet<>();
    for (Field field : Addresses.class.getFields()) {
      addresses.add(field.get(null));
    }
    assertEquals(14, spec.services().size());
    for (GatewaySpec.Service service : spec.services()) {
      assertTrue(addresses.contains(service.upstream().address()), service.name() + ": " + service.upstream().address());
      assertEquals(List.of("mch-auth"), service.plugins().stream().map(GatewaySpec.Plugin::name).toList(), service.name());
      assertEquals(10_000, service.readTimeoutMs(), service.name());
    }
    assertTrue(spec.globalPlugins().isEmpty());
  }

  @Test
  @DisplayName("names the path in the file of an unknown plugin, an unknown field and a wrong type")
  void pathsOfProblems() {
    String services = """
        _format_version: "3.0"
        services:
          - {name: a, url: "http://127.0.0.1:1"}
          - {name: b, url: "http://127.0.0.1:2"}
          - name: c
            url: http://127.0.0.1:3
            plugins:
              - name: %s
                config: {%s}
        """;
    assertEquals("services[2].plugins[0].config.minute: expected a number (>= 0.0) but got string \"ten\"",
        problem(services.formatted("rate-limiting", "minute: ten")));
    assertEquals("services[2].plugins[0].config.minutes: unknown field; known: day, error_code, error_message, "
        + "fault_tolerant, header_name, hide_client_headers, hour, limit_by, minute, month, path, policy, redis, "
        + "redis_database, redis_host, redis_password, redis_port, redis_server_name, redis_ssl, redis_ssl_verify, "
        + "redis_timeout, redis_username, second, sync_rate, window_type, year",
        problem(services.formatted("rate-limiting", "minutes: 10")));
    assertEquals("services[2].plugins[0].name: unknown plugin \"rate-limit\"; known: acl, basic-auth, correlation-id, cors, "
        + "ip-restriction, jwt, key-auth, mch-auth, openid-connect, opentelemetry, prometheus, proxy-cache, rate-limiting, "
        + "request-size-limiting, request-termination, request-transformer, response-transformer, zipkin",
        problem(services.formatted("rate-limit", "")));
    assertEquals("services[2].plugins[0].config: give at least one of second, minute, hour, day, month, year",
        problem(services.formatted("rate-limiting", "")));
    assertEquals("services[2].plugins[0].config.allow[0]: expected an IP address or CIDR range but got \"10.0.0.0/99\"",
        problem(services.formatted("ip-restriction", "allow: [10.0.0.0/99]")));
    assertEquals("services[2].plugins[0].config.propagation.extract[1]: expected one of w3c, b3, jaeger, ot, aws, "
        + "datadog, gcp, instana but got \"b3-single\"", problem(services.formatted("opentelemetry",
            "traces_endpoint: \"grpc://collector:4317\", propagation: {extract: [w3c, b3-single]}")));
    assertEquals("services[2].plugins[0].config.policy: expected one of local, cluster, redis but got \"memcached\"",
        problem(services.formatted("rate-limiting", "minute: 5, policy: memcached")));
  }

  @Test
  @DisplayName("refuses other format versions, unknown route fields, bad upstreams and dangling references")
  void otherProblems() {
    assertEquals("_format_version: expected \"3.0\" but got string \"1.1\"", problem("_format_version: \"1.1\""));
    assertEquals("services[0].routes[0].pathz: unknown field; known: headers, hosts, https_redirect_status_code, id, "
        + "methods, name, path_handling, paths, plugins, preserve_host, protocols, regex_priority, request_buffering, "
        + "response_buffering, strip_path, tags", problem("""
        _format_version: "3.0"
        services: [{name: a, url: "http://x", routes: [{pathz: [/a]}]}]
        """));
    assertEquals("services[0].url: expected an http://, https:// or eventbus:// upstream but got ftp", problem("""
        _format_version: "3.0"
        services: [{name: a, url: "ftp://x"}]
        """));
    assertEquals("plugins[0].route: no route named \"nope\"", problem("""
        _format_version: "3.0"
        services: [{name: a, url: "http://x", routes: [{name: r, paths: [/a]}]}]
        plugins: [{name: cors, route: nope}]
        """));
    assertEquals("services[0].routes[0].paths[0]: not a regular expression: Unclosed group", problem("""
        _format_version: "3.0"
        services: [{name: a, url: "http://x", routes: [{paths: ["~/a/(b"]}]}]
        """));
  }

  private static String problem(String yaml) {
    return assertThrows(DeclarativeException.class, () -> GatewayFile.parse(yaml, PRODUCT)).getMessage();
  }
}
