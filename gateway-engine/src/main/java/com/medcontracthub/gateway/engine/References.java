package com.medcontracthub.gateway.engine;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The entities of one kind that others refer to, as Kong's foreign keys do: by name (a consumer's username) or by id,
 * written as a string or as {@code {name: …}} / {@code {id: …}}.
 */
final class References<T> {

  private static final Set<String> KEY = Set.of("name", "id");

  private final String kind;
  private final Map<String, T> byKey = new HashMap<>();

  References(String kind) {
    this.kind = kind;
  }

  /** An entity with its {@code name} and {@code id} (either may be null), declared at {@code node}. */
  void add(Node node, String nameField, String name, String id, T entity) {
    if (name != null && byKey.put(name, entity) != null) {
      throw new DeclarativeException(node.path(nameField), "a second " + kind + " named \"" + name + "\"");
    }
    if (id != null && !id.equals(name) && byKey.put(id, entity) != null) {
      throw new DeclarativeException(node.path("id"), "a second " + kind + " with id \"" + id + "\"");
    }
  }

  /** The entity that {@code node}'s {@code field} refers to. */
  T resolve(Node node, String field) {
    Object raw = node.raw(field);
    String key;
    if (raw instanceof JsonObject object) {
      Node reference = new Node(object, node.path(field), KEY);
      key = reference.has("id") ? reference.requiredString("id") : reference.requiredString("name");
    } else {
      key = node.requiredString(field);
    }
    T entity = byKey.get(key);
    if (entity == null) {
      throw new DeclarativeException(node.path(field), "no " + kind + " named \"" + key + "\" or with that id");
    }
    return entity;
  }
}
