package com.medcontracthub.gateway.engine;

import java.util.Objects;

/**
 * A plugin a declarative file may name: its name, its execution priority (Kong's scale: higher runs first), the schema
 * of its {@code config} (Kong's defaults filled in by it), how an instance is made, and what the schema cannot check.
 * Kong's plugins are types like any other; a product registers its own in
 * {@link com.medcontracthub.gateway.engine.GatewayExtensions}.
 */
public record PluginType(String name, int priority, ConfigSchema schema, Factory factory, Check check) {

  /** Makes the instance of one declaration; called when a file is put in service (again on every reload). */
  @FunctionalInterface
  public interface Factory {
    Plugin create(GatewaySpec.Plugin declared, PluginContext context);
  }

  /** Checks what the schema cannot (a combination of fields) when the file is read; throws naming the path. */
  @FunctionalInterface
  public interface Check {
    void check(GatewaySpec.Plugin declared);

    Check NONE = declared -> { };
  }

  public PluginType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(check, "check");
  }

  /** A type whose schema checks everything. */
  public PluginType(String name, int priority, ConfigSchema schema, Factory factory) {
    this(name, priority, schema, factory, Check.NONE);
  }
}
