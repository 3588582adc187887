package com.medcontracthub.gateway.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The plugins a declarative file may name: Kong's ({@code plugins.KongPlugins}) and those a product registered. */
public final class PluginCatalog {

  private final Map<String, PluginType> types;

  private PluginCatalog(Map<String, PluginType> types) {
    this.types = types;
  }

  /**
   * These plugin types.
   *
   * @throws IllegalArgumentException when two take one name
   */
  public static PluginCatalog of(List<PluginType> registered) {
    Map<String, PluginType> types = new TreeMap<>();
    for (PluginType type : registered) {
      if (types.putIfAbsent(type.name(), type) != null) {
        throw new IllegalArgumentException("a second plugin type named \"" + type.name() + "\"");
      }
    }
    return new PluginCatalog(types);
  }

  public Optional<ConfigSchema> schema(String name) {
    return Optional.ofNullable(types.get(name)).map(PluginType::schema);
  }

  /** The names a file may use, in alphabetical order. */
  public List<String> names() {
    return List.copyOf(types.keySet());
  }

  public int priority(String name) {
    return types.get(name).priority();
  }

  /** Refuses a declared plugin whose fields do not go together. */
  public void check(GatewaySpec.Plugin declared) {
    types.get(declared.name()).check().check(declared);
  }

  public Plugin create(GatewaySpec.Plugin declared, PluginContext context) {
    return types.get(declared.name()).factory().create(declared, context);
  }
}
