package com.medcontracthub.gateway.engine;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong's secret references, {@code {vault://<prefix>/<name>}} or {@code {vault://<prefix>/<name>/<key>}}, read from the
 * environment: the built-in {@code env} vault, and the file's {@code vaults} of the env kind under a prefix of their
 * own, whose {@code config.prefix} goes before the variable's name ({@code {vault://app/db-pass}} with
 * {@code prefix: APP_} is {@code APP_DB_PASS}). A name is upper-cased with {@code -} as {@code _}; a key is a field of
 * the JSON object the variable holds. Other kinds of vault (aws, gcp, hcv, azure, conjur) cannot be reached from here.
 */
final class Vaults {

  private static final Set<String> VAULT = Set.of("name", "prefix", "description", "config", "tags", "id");
  private static final Set<String> ENV_CONFIG = Set.of("prefix", "base64_decode");
  private static final Pattern REFERENCE = Pattern.compile("\\{vault://([A-Za-z0-9_-]+)/([A-Za-z0-9_-]+)(?:/([^}/]+))?}");

  /** A vault prefix's variable prefix. */
  private final Map<String, String> prefixes = new HashMap<>(Map.of("env", ""));
  private final Map<String, String> env;

  private Vaults(Map<String, String> env) {
    this.env = env;
  }

  /** The file's {@code vaults} (as SnakeYAML read them, null for none) over {@code env}. */
  static Vaults read(Object declared, Map<String, String> env) {
    Vaults vaults = new Vaults(env);
    if (declared == null) {
      return vaults;
    }
    if (!(declared instanceof List<?> list)) {
      throw new DeclarativeException("vaults", "expected a list but got " + Node.describe(declared));
    }
    JsonArray entities = new JsonArray(list);
    for (int i = 0; i < entities.size(); i++) {
      Node node = new Node(entities.getValue(i), "vaults[" + i + "]", VAULT);
      String name = node.requiredString("name");
      String prefix = node.requiredString("prefix");
      node.string("description", null);
      node.string("id", null);
      node.strings("tags");
      if (!name.equals("env")) {
        throw new DeclarativeException(node.path("name"), "a " + name + " vault cannot be read from here; only env "
            + "vaults (environment variables) can");
      }
      Node config = new Node(node.has("config") ? node.raw("config") : new JsonObject(), node.path("config"), ENV_CONFIG);
      if (config.bool("base64_decode", false)) {
        throw new DeclarativeException(config.path("base64_decode"), "not supported: give the value as it is");
      }
      if (vaults.prefixes.put(prefix, config.string("prefix", "")) != null) {
        throw new DeclarativeException(node.path("prefix"), "a second vault with prefix \"" + prefix + "\"");
      }
    }
    return vaults;
  }

  /** The secret a reference names; {@code path} is where the file holds it. */
  String resolve(String reference, String path) {
    Matcher parts = REFERENCE.matcher(reference);
    String variablePrefix = parts.matches() ? prefixes.get(parts.group(1)) : null;
    if (variablePrefix == null) {
      throw new DeclarativeException(path, "only env vaults are available here ({vault://env/NAME}, "
          + "{vault://env/NAME/key}, or the prefix of one of the file's vaults), not " + reference);
    }
    String name = (variablePrefix + parts.group(2)).toUpperCase(Locale.ROOT).replace('-', '_');
    String value = env.get(name);
    if (value == null) {
      throw new DeclarativeException(path, reference + ": the environment has no " + name);
    }
    if (parts.group(3) == null) {
      return value;
    }
    try {
      Object field = new JsonObject(value).getValue(parts.group(3));
      if (field == null) {
        throw new DeclarativeException(path, reference + ": the JSON in " + name + " has no " + parts.group(3));
      }
      return String.valueOf(field);
    } catch (DecodeException e) {
      throw new DeclarativeException(path, reference + ": " + name + " does not hold a JSON object");
    }
  }
}
