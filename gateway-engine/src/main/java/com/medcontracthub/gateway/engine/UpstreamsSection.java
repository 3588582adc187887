package com.medcontracthub.gateway.engine;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file's {@code upstreams}: virtual hosts a service's {@code host} may name, balanced over their {@code targets}
 * by round-robin, least-connections or consistent hashing, with active and passive health checks. Kong's fields,
 * defaults and cross-field rules.
 */
final class UpstreamsSection {

  private static final Set<String> UPSTREAM = Set.of("name", "id", "algorithm", "slots", "hash_on", "hash_fallback",
      "hash_on_header", "hash_fallback_header", "hash_on_cookie", "hash_on_cookie_path", "hash_on_query_arg",
      "hash_fallback_query_arg", "hash_on_uri_capture", "hash_fallback_uri_capture", "host_header",
      "client_certificate", "use_srv_name", "healthchecks", "tags", "targets");
  private static final Set<String> TARGET = Set.of("target", "weight", "id", "tags");
  private static final String[] HASH_SOURCES = {"none", "consumer", "ip", "header", "cookie", "path", "query_arg",
      "uri_capture"};
  /** host:port, [IPv6]:port, either without a port, or a bare IPv6 address (two colons at least: no port). */
  static final Pattern HOST_PORT = Pattern.compile(
      "\\[([0-9a-fA-F:.]+)](?::(\\d{1,5}))?|([^:\\[\\]]+)(?::(\\d{1,5}))?"
          + "|((?:[0-9a-fA-F]{0,4}:){2,7}(?:[0-9a-fA-F]{0,4}|\\d{1,3}(?:\\.\\d{1,3}){3}))");
  /** Kong's default port of a target that names none. */
  private static final int TARGET_PORT = 8000;

  private UpstreamsSection() {
  }

  /** The upstreams by name. */
  static Map<String, GatewaySpec.Balancing> read(Node top) {
    Map<String, GatewaySpec.Balancing> upstreams = new LinkedHashMap<>();
    for (Node node : top.nodes("upstreams", UPSTREAM)) {
      String name = node.requiredString("name");
      String algorithm = node.oneOf("algorithm", "round-robin", "round-robin", "least-connections",
          "consistent-hashing");
      List<GatewaySpec.HashInput> hashOn = hashInputs(node);
      node.string("id", null);
      int slots = (int) node.integer("slots", 10_000, 10, 65_536);
      node.bool("use_srv_name", false);
      node.strings("tags");
      if (node.has("client_certificate")) {
        throw new DeclarativeException(node.path("client_certificate"), "client certificates for targets are not supported");
      }
      JsonObject checks = HealthChecks.read(node.raw("healthchecks"), node.path("healthchecks"));
      List<GatewaySpec.Target> targets = node.nodes("targets", TARGET).stream().map(UpstreamsSection::target).toList();
      if (upstreams.put(name, new GatewaySpec.Balancing(name, algorithm, node.string("host_header", null), targets,
          checks, hashOn, slots)) != null) {
        throw new DeclarativeException(node.path("name"), "a second upstream named \"" + name + "\"");
      }
    }
    return upstreams;
  }

  /**
   * {@code hash_on} and, when it gives nothing, {@code hash_fallback}, checked as Kong checks them: each names the
   * header, cookie, argument or capture it reads; no fallback after none or cookie (a missing cookie is set); the
   * fallback differs from the first. They are read whatever the algorithm, and used by consistent hashing only.
   */
  private static List<GatewaySpec.HashInput> hashInputs(Node node) {
    String first = node.oneOf("hash_on", "none", HASH_SOURCES);
    String fallback = node.oneOf("hash_fallback", "none", HASH_SOURCES);
    String cookiePath = node.string("hash_on_cookie_path", "/");
    if (!cookiePath.startsWith("/")) {
      throw new DeclarativeException(node.path("hash_on_cookie_path"), "expected a path starting with /");
    }
    List<GatewaySpec.HashInput> inputs = new ArrayList<>(2);
    if (!first.equals("none")) {
      inputs.add(new GatewaySpec.HashInput(first, hashName(node, first, "hash_on"), cookiePath));
    }
    if (!fallback.equals("none")) {
      if (first.equals("none") || first.equals("cookie")) {
        throw new DeclarativeException(node.path("hash_fallback"), "must be none when hash_on is " + first);
      }
      GatewaySpec.HashInput second = new GatewaySpec.HashInput(fallback, hashName(node, fallback, "hash_fallback"),
          cookiePath);
      if (second.source().equals(first) && (second.name() == null || second.name().equals(inputs.get(0).name()))) {
        throw new DeclarativeException(node.path("hash_fallback"), "must differ from hash_on");
      }
      inputs.add(second);
    }
    return List.copyOf(inputs);
  }

  /** The field naming what {@code source} reads, required for those that read one; null for the others. */
  private static String hashName(Node node, String source, String prefix) {
    String field = switch (source) {
      case "header" -> prefix + "_header";
      case "cookie" -> "hash_on_cookie";
      case "query_arg" -> prefix + "_query_arg";
      case "uri_capture" -> prefix + "_uri_capture";
      default -> null;
    };
    return field == null ? null : node.requiredString(field);
  }

  private static GatewaySpec.Target target(Node node) {
    String target = node.requiredString("target");
    Matcher parts = HOST_PORT.matcher(target);
    if (!parts.matches()) {
      throw new DeclarativeException(node.path("target"), "expected host:port but got \"" + target + "\"");
    }
    String host = parts.group(1) != null ? parts.group(1) : parts.group(3) != null ? parts.group(3) : parts.group(5);
    String port = parts.group(2) != null ? parts.group(2) : parts.group(4);
    int number = port == null ? TARGET_PORT : Integer.parseInt(port);
    if (number < 1 || number > 65_535) {
      throw new DeclarativeException(node.path("target"), "a port from 1 to 65535, not " + number);
    }
    node.string("id", null);
    node.strings("tags");
    return new GatewaySpec.Target(host, number, (int) node.integer("weight", 100, 0, 65_535));
  }
}
