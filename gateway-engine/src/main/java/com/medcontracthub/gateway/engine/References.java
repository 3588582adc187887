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
    return resolve(node.raw(field), node.path(field));
  }

  /** The entity a reference (as the file has it, at {@code path}) refers to. */
  T resolve(Object reference, String path) {
    String key;
    if (reference instanceof JsonObject object) {
      Node named = new Node(object, path, KEY);
      key = named.has("id") ? named.requiredString("id") : named.requiredString("name");
    } else if (reference instanceof String text && !text.isBlank()) {
      key = text;
    } else {
      throw new DeclarativeException(path, reference == null ? "required"
          : "expected a name, an id, {name: …} or {id: …} but got " + Node.describe(reference));
    }
    T entity = byKey.get(key);
    if (entity == null) {
      throw new DeclarativeException(path, "no " + kind + " named \"" + key + "\" or with that id");
    }
    return entity;
  }
}
