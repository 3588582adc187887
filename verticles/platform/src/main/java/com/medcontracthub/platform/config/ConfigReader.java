package com.medcontracthub.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, validated reads of dotted keys from a configuration tree. Values may be native YAML types or strings
 * (as environment variables and flags give them); every failure names the key, its origin and the expected form.
 */
final class ConfigReader {

  private final JsonObject tree;
  private final Map<String, String> origins;
  private final String defaultOrigin;

  ConfigReader(JsonObject tree, Map<String, String> origins, String defaultOrigin) {
    this.tree = tree;
    this.origins = origins;
    this.defaultOrigin = defaultOrigin;
  }

  Object raw(String key) {
    Object node = tree;
    for (String part : key.split("\\.")) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(part);
    }
    return node;
  }

  private Object required(String key, String expected) {
    Object value = raw(key);
    if (value == null || value instanceof String s && s.isBlank()) {
      throw new ConfigException(key + ": missing; expected " + expected + " (set it in " + defaultOrigin
          + " or with " + com.medcontracthub.codecs.ConfigKeys.envName(key) + ")");
    }
    return value;
  }

  ConfigException invalid(String key, Object value, String expected) {
    return new ConfigException(key + ": expected " + expected + " but got '" + value + "' (from "
        + origins.getOrDefault(key, defaultOrigin) + ")");
  }

  String string(String key) {
    return required(key, "a value").toString().trim();
  }

  String oneOf(String key, Set<String> allowed) {
    String value = string(key);
    if (!allowed.contains(value)) {
      throw invalid(key, value, "one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
  }

  /** A name of letters, digits and underscores, starting with a letter (a database's, safe inside SQL and URLs). */
  String identifier(String key) {
    String value = string(key);
    if (!value.matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
      throw invalid(key, value, "a name of letters, digits and underscores, starting with a letter");
    }
    return value;
  }

  /** A non-empty list of distinct values, each one of {@code allowed}. */
  List<String> distinctOf(String key, List<String> allowed) {
    List<String> values = list(key);
    if (values.isEmpty() || new HashSet<>(values).size() < values.size() || !allowed.containsAll(values)) {
      throw invalid(key, values, "one or more of " + String.join(", ", allowed) + ", each once");
    }
    return values;
  }

  long longAtLeast(String key, long min, String expected) {
    Object value = required(key, expected);
    try {
      long n = value instanceof Number number ? numberToLong(number) : Long.parseLong(value.toString().trim());
      if (n < min) {
        throw invalid(key, value, expected);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(key, value, expected);
    }
  }

  private static long numberToLong(Number number) {
    if (number.doubleValue() != number.longValue()) {
      throw new NumberFormatException();
    }
    return number.longValue();
  }

  long between(String key, long min, long max, String expected) {
    long n = longAtLeast(key, min, expected);
    if (n > max) {
      throw invalid(key, raw(key), expected);
    }
    return n;
  }

  int port(String key) {
    return (int) between(key, 0, 65535, "a TCP port number 0-65535");
  }

  boolean bool(String key) {
    Object value = required(key, "true or false");
    if (value instanceof Boolean b) {
      return b;
    }
    return switch (value.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw invalid(key, value, "true or false");
    };
  }

  /** A YAML list, or a comma-separated string. */
  List<String> list(String key) {
    Object value = raw(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof JsonArray array) {
      return array.stream().map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** One or more {@code host:port}, comma-separated. */
  String hostPorts(String key) {
    String expected = "host:port[,host:port…]";
    String value = string(key);
    for (String hostPort : value.split(",")) {
      checkHostPort(key, value, hostPort.trim(), expected);
    }
    return value;
  }

  List<String> hostPortList(String key) {
    List<String> values = list(key);
    for (String hostPort : values) {
      checkHostPort(key, values, hostPort, "a list of host:port");
    }
    return values;
  }

  private void checkHostPort(String key, Object value, String hostPort, String expected) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw invalid(key, value, expected);
    }
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw invalid(key, value, expected);
      }
    } catch (NumberFormatException e) {
      throw invalid(key, value, expected);
    }
  }

  /** An address users reach with a browser, e.g. {@code https://app.example.com}, without a trailing slash. */
  String webUrl(String key) {
    String expected = "an http:// or https:// address like https://app.example.com";
    String value = string(key);
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw invalid(key, value, expected);
      }
      return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    } catch (java.net.URISyntaxException e) {
      throw invalid(key, value, expected);
    }
  }

  /** A URI of the given scheme with a host and a port. */
  String uri(String key, String scheme) {
    String expected = "a URI like " + scheme + "://host:port/…";
    String value = string(key);
    try {
      URI uri = new URI(value);
      if (!scheme.equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
        throw invalid(key, value, expected);
      }
      return value;
    } catch (java.net.URISyntaxException e) {
      throw invalid(key, value, expected);
    }
  }

  /** An OTLP collector's address: {@code grpc://host:port}, or an {@code http(s)://host:port/…} URL; empty: none. */
  Optional<URI> optionalCollector(String key) {
    Object value = raw(key);
    if (value == null || value.toString().isBlank()) {
      return Optional.empty();
    }
    String expected = "an OTLP collector: grpc://host:4317 or http://host:4318/v1/traces (empty: no tracing)";
    try {
      URI uri = new URI(value.toString().trim());
      if (!Set.of("grpc", "http", "https").contains(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
        throw invalid(key, value, expected);
      }
      return Optional.of(uri);
    } catch (java.net.URISyntaxException e) {
      throw invalid(key, value, expected);
    }
  }

  /** A number from 0 to 1. */
  double fraction(String key, String expected) {
    Object value = required(key, expected);
    try {
      double n = value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString().trim());
      if (!(n >= 0 && n <= 1)) {
        throw invalid(key, value, expected);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(key, value, expected);
    }
  }

  JsonArray array(String key) {
    Object value = raw(key);
    if (value == null) {
      return new JsonArray();
    }
    if (!(value instanceof JsonArray array)) {
      throw invalid(key, value, "a list");
    }
    return array;
  }
}
