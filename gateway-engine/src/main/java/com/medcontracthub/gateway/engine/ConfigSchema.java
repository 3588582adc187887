package com.medcontracthub.gateway.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plugin's {@code config}: Kong's field names, types and defaults. Reading fills in the defaults and refuses
 * unknown fields and wrong types, naming the path ({@code services[2].plugins[0].config.minute}).
 */
public final class ConfigSchema {

  @FunctionalInterface
  interface Field {
    Object read(Node config, String name);
  }

  /** Kong's older flat names of a record's fields ({@code redis_host} for {@code redis.host}). */
  private record Flattened(String record, String prefix, Set<String> names) {
  }

  private final Map<String, Field> fields;
  private final List<Flattened> flattened;

  private ConfigSchema(Map<String, Field> fields, List<Flattened> flattened) {
    this.fields = fields;
    this.flattened = flattened;
  }

  public static Builder builder() {
    return new Builder();
  }

  JsonObject read(Object config, String path) {
    Node node = new Node(config == null ? new JsonObject() : config, path, fields.keySet());
    JsonObject values = new JsonObject();
    fields.forEach((name, field) -> values.put(name, field.read(node, name)));
    for (Flattened flat : flattened) {
      for (String name : flat.names()) {
        Object value = values.remove(flat.prefix() + name);
        if (value != null) {
          values.getJsonObject(flat.record()).put(name, value);
        }
      }
    }
    return values;
  }

  public static final class Builder {

    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final List<Flattened> flattened = new ArrayList<>();

    /** A string, null when absent and {@code defaultValue} is null. */
    public Builder string(String name, String defaultValue) {
      fields.put(name, (node, field) -> node.string(field, defaultValue));
      return this;
    }

    public Builder oneOf(String name, String defaultValue, String... allowed) {
      fields.put(name, (node, field) -> node.oneOf(field, defaultValue, allowed));
      return this;
    }

    /** An integer, null when absent and {@code defaultValue} is null. */
    public Builder integer(String name, Long defaultValue, long min, long max) {
      fields.put(name, (node, field) -> node.has(field) ? (Object) node.integer(field, 0, min, max) : defaultValue);
      return this;
    }

    /** A number, null when absent and {@code defaultValue} is null. */
    public Builder number(String name, Double defaultValue, double min) {
      fields.put(name, (node, field) -> node.has(field) ? (Object) node.number(field, 0, min) : defaultValue);
      return this;
    }

    public Builder bool(String name, boolean defaultValue) {
      fields.put(name, (node, field) -> node.bool(field, defaultValue));
      return this;
    }

    /** A list of strings, {@code defaultValue} when absent (null: absent stays null). */
    public Builder strings(String name, List<String> defaultValue) {
      fields.put(name, (node, field) -> node.has(field) ? new JsonArray(node.strings(field))
          : defaultValue == null ? null : new JsonArray(defaultValue));
      return this;
    }

    /** A list of integers from {@code min} to {@code max}, {@code defaultValue} when absent. */
    public Builder integers(String name, List<Integer> defaultValue, int min, int max) {
      fields.put(name, (node, field) -> new JsonArray(node.has(field) ? node.integers(field, min, max) : defaultValue));
      return this;
    }

    /** A mapping of names to strings (headers, attributes), empty when absent. */
    public Builder stringMap(String name) {
      fields.put(name, (node, field) -> node.stringMap(field));
      return this;
    }

    /** A nested record with its own schema. */
    public Builder record(String name, ConfigSchema schema) {
      fields.put(name, (node, field) -> schema.read(node.raw(field), node.path(field)));
      return this;
    }

    /**
     * Also accepts the fields of record {@code name} flat, as {@code prefix + field} (Kong's deprecated shorthand
     * fields, e.g. {@code redis_host}, still found in files written for Kong before 3.6); a flat field given wins over
     * the record's.
     */
    public Builder flattened(String name, String prefix, ConfigSchema record) {
      record.fields.forEach((field, read) ->
          fields.put(prefix + field, (node, flat) -> node.has(flat) ? read.read(node, flat) : null));
      flattened.add(new Flattened(name, prefix, record.fields.keySet()));
      return this;
    }

    public ConfigSchema build() {
      return new ConfigSchema(new LinkedHashMap<>(fields), List.copyOf(flattened));
    }
  }
}
