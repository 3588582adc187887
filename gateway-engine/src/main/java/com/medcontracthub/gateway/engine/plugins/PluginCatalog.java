package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.GatewaySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The plugins a declarative file may name: Kong's, with Kong's execution priorities, and those a product registered. */
public final class PluginCatalog {

  private static final List<PluginType> KONG = List.of(
      new PluginType("correlation-id", 100_001, CorrelationIdPlugin.SCHEMA, (p, c) -> new CorrelationIdPlugin(p.config())),
      new PluginType("cors", 2_000, CorsPlugin.SCHEMA, (p, c) -> new CorsPlugin(p.config())),
      new PluginType("openid-connect", 1_050, OpenIdConnectPlugin.SCHEMA,
          (p, c) -> new OpenIdConnectPlugin(p.config(), c), OpenIdConnectPlugin::check),
      new PluginType("jwt", 1_450, JwtPlugin.SCHEMA, (p, c) -> new JwtPlugin(p.config(), c), JwtPlugin::check),
      new PluginType("basic-auth", 1_100, BasicAuthPlugin.SCHEMA, (p, c) -> new BasicAuthPlugin(p.config(), c)),
      new PluginType("key-auth", 1_250, KeyAuthPlugin.SCHEMA, (p, c) -> new KeyAuthPlugin(p.config(), c)),
      new PluginType("acl", 950, AclPlugin.SCHEMA, (p, c) -> new AclPlugin(p.config()), AclPlugin::check),
      new PluginType("ip-restriction", 990, IpRestrictionPlugin.SCHEMA,
          (p, c) -> new IpRestrictionPlugin(p.config(), p.path()), p -> new IpRestrictionPlugin(p.config(), p.path())),
      new PluginType("request-size-limiting", 951, RequestSizeLimitingPlugin.SCHEMA,
          (p, c) -> new RequestSizeLimitingPlugin(p.config())),
      new PluginType("rate-limiting", 910, RateLimitingPlugin.SCHEMA,
          (p, c) -> new RateLimitingPlugin(p.config(), c, p.path()), RateLimitingPlugin::check),
      new PluginType("proxy-cache", 100, ProxyCachePlugin.SCHEMA, (p, c) -> new ProxyCachePlugin(p.config(), c)),
      new PluginType("zipkin", 100_000, ZipkinPlugin.SCHEMA, (p, c) -> new ZipkinPlugin(p.config(), c),
          ZipkinPlugin::check),
      new PluginType("opentelemetry", 14, OpenTelemetryPlugin.SCHEMA,
          (p, c) -> new OpenTelemetryPlugin(p.config(), c), OpenTelemetryPlugin::check),
      new PluginType("prometheus", 13, PrometheusPlugin.SCHEMA, (p, c) -> new PrometheusPlugin(p.config())),
      new PluginType("request-transformer", 801, RequestTransformerPlugin.SCHEMA,
          (p, c) -> new RequestTransformerPlugin(p.config()), RequestTransformerPlugin::check),
      new PluginType("response-transformer", 800, ResponseTransformerPlugin.SCHEMA,
          (p, c) -> new ResponseTransformerPlugin(p.config()), ResponseTransformerPlugin::check),
      new PluginType("request-termination", 2, RequestTerminationPlugin.SCHEMA,
          (p, c) -> new RequestTerminationPlugin(p.config())));

  private final Map<String, PluginType> types;

  private PluginCatalog(Map<String, PluginType> types) {
    this.types = types;
  }

  /**
   * Kong's plugins and {@code registered}.
   *
   * @throws IllegalArgumentException when a registered type takes a name already taken
   */
  public static PluginCatalog of(List<PluginType> registered) {
    Map<String, PluginType> types = new TreeMap<>();
    KONG.forEach(type -> types.put(type.name(), type));
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
