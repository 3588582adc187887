package com.medcontracthub.gateway.declarative.plugins;

import com.medcontracthub.gateway.declarative.ConfigSchema;
import com.medcontracthub.gateway.declarative.GatewaySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The plugins a declarative file may name, with Kong's execution priorities (higher runs first). */
public final class PluginCatalog {

  @FunctionalInterface
  private interface Factory {
    Plugin create(GatewaySpec.Plugin declared, PluginContext context);
  }

  /** Checks what the schema cannot: a combination of fields; throws naming the path. */
  @FunctionalInterface
  private interface Check {
    void check(GatewaySpec.Plugin declared);
  }

  private record Type(int priority, ConfigSchema schema, Factory factory, Check check) {
    Type(int priority, ConfigSchema schema, Factory factory) {
      this(priority, schema, factory, declared -> { });
    }
  }

  private static final Map<String, Type> TYPES = new TreeMap<>(Map.ofEntries(
      Map.entry("correlation-id",
          new Type(100_001, CorrelationIdPlugin.SCHEMA, (p, c) -> new CorrelationIdPlugin(p.config()))),
      Map.entry("cors", new Type(2_000, CorsPlugin.SCHEMA, (p, c) -> new CorsPlugin(p.config()))),
      Map.entry("openid-connect", new Type(1_050, OpenIdConnectPlugin.SCHEMA,
          (p, c) -> new OpenIdConnectPlugin(p.config(), c), OpenIdConnectPlugin::check)),
      // the product's login, just before Kong's first authentication plugin
      Map.entry("mch-auth", new Type(1_500, MchAuthPlugin.SCHEMA, (p, c) -> new MchAuthPlugin(c))),
      Map.entry("jwt", new Type(1_450, JwtPlugin.SCHEMA, (p, c) -> new JwtPlugin(p.config(), c), JwtPlugin::check)),
      Map.entry("basic-auth", new Type(1_100, BasicAuthPlugin.SCHEMA, (p, c) -> new BasicAuthPlugin(p.config(), c))),
      Map.entry("key-auth", new Type(1_250, KeyAuthPlugin.SCHEMA, (p, c) -> new KeyAuthPlugin(p.config(), c))),
      Map.entry("acl", new Type(950, AclPlugin.SCHEMA, (p, c) -> new AclPlugin(p.config()), AclPlugin::check)),
      Map.entry("ip-restriction", new Type(990, IpRestrictionPlugin.SCHEMA,
          (p, c) -> new IpRestrictionPlugin(p.config(), p.path()), p -> new IpRestrictionPlugin(p.config(), p.path()))),
      Map.entry("request-size-limiting",
          new Type(951, RequestSizeLimitingPlugin.SCHEMA, (p, c) -> new RequestSizeLimitingPlugin(p.config()))),
      Map.entry("rate-limiting", new Type(910, RateLimitingPlugin.SCHEMA,
          (p, c) -> new RateLimitingPlugin(p.config(), c, p.path()), RateLimitingPlugin::check)),
      Map.entry("proxy-cache", new Type(100, ProxyCachePlugin.SCHEMA, (p, c) -> new ProxyCachePlugin(p.config(), c))),
      Map.entry("zipkin", new Type(100_000, ZipkinPlugin.SCHEMA, (p, c) -> new ZipkinPlugin(p.config(), c),
          ZipkinPlugin::check)),
      Map.entry("opentelemetry", new Type(14, OpenTelemetryPlugin.SCHEMA,
          (p, c) -> new OpenTelemetryPlugin(p.config(), c), OpenTelemetryPlugin::check)),
      Map.entry("prometheus", new Type(13, PrometheusPlugin.SCHEMA, (p, c) -> new PrometheusPlugin(p.config()))),
      Map.entry("request-transformer", new Type(801, RequestTransformerPlugin.SCHEMA,
          (p, c) -> new RequestTransformerPlugin(p.config()), RequestTransformerPlugin::check)),
      Map.entry("response-transformer", new Type(800, ResponseTransformerPlugin.SCHEMA,
          (p, c) -> new ResponseTransformerPlugin(p.config()), ResponseTransformerPlugin::check)),
      Map.entry("request-termination",
          new Type(2, RequestTerminationPlugin.SCHEMA, (p, c) -> new RequestTerminationPlugin(p.config())))));

  private PluginCatalog() {
  }

  public static Optional<ConfigSchema> schema(String name) {
    return Optional.ofNullable(TYPES.get(name)).map(Type::schema);
  }

  public static List<String> names() {
    return List.copyOf(TYPES.keySet());
  }

  public static int priority(String name) {
    return TYPES.get(name).priority();
  }

  /** Refuses a declared plugin whose fields do not go together. */
  public static void check(GatewaySpec.Plugin declared) {
    TYPES.get(declared.name()).check().check(declared);
  }

  public static Plugin create(GatewaySpec.Plugin declared, PluginContext context) {
    return TYPES.get(declared.name()).factory().create(declared, context);
  }
}
