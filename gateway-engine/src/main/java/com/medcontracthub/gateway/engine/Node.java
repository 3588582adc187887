package com.medcontracthub.gateway.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One object of the declarative file and its path in it ({@code services[2].plugins[0]}), read strictly: a field
 * outside the known set or of the wrong type is a {@link DeclarativeException} naming its path.
 */
final class Node {

  private final JsonObject object;
  private final String path;

  Node(Object value, String path, Set<String> known) {
    if (!(value instanceof JsonObject json)) {
      throw new DeclarativeException(path, "expected a mapping but got " + describe(value));
    }
    for (String field : json.fieldNames()) {
      if (!known.contains(field)) {
        throw new DeclarativeException(at(path, field), "unknown field; known: " + String.join(", ", new TreeSet<>(known)));
      }
    }
    this.object = json;
    this.path = path;
  }

  String path() {
    return path;
  }

  String path(String field) {
    return at(path, field);
  }

  boolean has(String field) {
    return object.getValue(field) != null;
  }

  Object raw(String field) {
    return object.getValue(field);
  }

  String string(String field, String defaultValue) {
    Object value = object.getValue(field);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof String s)) {
      throw new DeclarativeException(path(field), "expected a string but got " + describe(value));
    }
    return s;
  }

  String requiredString(String field) {
    String value = string(field, null);
    if (value == null || value.isBlank()) {
      throw new DeclarativeException(path(field), "required");
    }
    return value;
  }

  String oneOf(String field, String defaultValue, String... allowed) {
    String value = string(field, defaultValue);
    if (value != null && !List.of(allowed).contains(value)) {
      throw new DeclarativeException(path(field), "expected one of " + String.join(", ", allowed) + " but got \""
          + value + "\"");
    }
    return value;
  }

  long integer(String field, long defaultValue, long min, long max) {
    Object value = object.getValue(field);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Number n) || n.doubleValue() != n.longValue()) {
      throw new DeclarativeException(path(field), "expected an integer but got " + describe(value));
    }
    if (n.longValue() < min || n.longValue() > max) {
      throw new DeclarativeException(path(field), "expected an integer from " + min + " to " + max + " but got " + n);
    }
    return n.longValue();
  }

  double number(String field, double defaultValue, double min) {
    Object value = object.getValue(field);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Number n) || n.doubleValue() < min) {
      throw new DeclarativeException(path(field), "expected a number (>= " + min + ") but got " + describe(value));
    }
    return n.doubleValue();
  }

  boolean bool(String field, boolean defaultValue) {
    Object value = object.getValue(field);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean b)) {
      throw new DeclarativeException(path(field), "expected true or false but got " + describe(value));
    }
    return b;
  }

  List<String> strings(String field) {
    Object value = object.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new DeclarativeException(path(field), "expected a list of strings but got " + describe(value));
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String s)) {
        throw new DeclarativeException(path(field) + "[" + i + "]", "expected a string but got " + describe(array.getValue(i)));
      }
      strings.add(s);
    }
    return strings;
  }

  List<Integer> integers(String field, int min, int max) {
    Object value = object.getValue(field);
    if (!(value instanceof JsonArray array)) {
      throw new DeclarativeException(path(field), "expected a list of integers but got " + describe(value));
    }
    List<Integer> integers = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < min || n.intValue() > max) {
        throw new DeclarativeException(path(field) + "[" + i + "]", "expected an integer from " + min + " to " + max
            + " but got " + describe(item));
      }
      integers.add(n.intValue());
    }
    return integers;
  }

  /** The items of a list of mappings, each read with {@code known} fields. */
  List<Node> nodes(String field, Set<String> known) {
    Object value = object.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new DeclarativeException(path(field), "expected a list but got " + describe(value));
    }
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      nodes.add(new Node(array.getValue(i), path(field) + "[" + i + "]", known));
    }
    return nodes;
  }

  JsonObject object(String field) {
    Object value = object.getValue(field);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject json)) {
      throw new DeclarativeException(path(field), "expected a mapping but got " + describe(value));
    }
    return json;
  }

  JsonObject stringMap(String field) {
    JsonObject map = object(field);
    for (String name : map.fieldNames()) {
      if (!(map.getValue(name) instanceof String)) {
        throw new DeclarativeException(path(field) + "." + name, "expected a string but got " + describe(map.getValue(name)));
      }
    }
    return map.copy();
  }

  private static String at(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    String kind = value instanceof String ? "string" : value instanceof Number ? "number"
        : value instanceof Boolean ? "boolean" : value instanceof JsonArray ? "list"
        : value instanceof JsonObject ? "mapping" : value.getClass().getSimpleName();
    String text = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    return kind + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
  }
}
