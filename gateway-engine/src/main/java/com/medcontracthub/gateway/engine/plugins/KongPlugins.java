package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.GatewayExtensions;
import com.medcontracthub.gateway.engine.PluginType;
import java.util.List;

/** Kong's plugins, with Kong's execution priorities: what every gateway is built on. */
public final class KongPlugins {

  public static final List<PluginType> ALL = List.of(
      new PluginType("correlation-id", 100_001, CorrelationIdPlugin.SCHEMA, (p, c) -> new CorrelationIdPlugin(p.config())),
      new PluginType("cors", 2_000, CorsPlugin.SCHEMA, (p, c) -> new CorsPlugin(p.config())),
      new PluginType("openid-connect", 1_050, OpenIdConnectPlugin.SCHEMA,
          (p, c) -> new OpenIdConnectPlugin(p.config(), c), OpenIdConnectPlugin::check),
      new PluginType("jwt", 1_450, JwtPlugin.SCHEMA, (p, c) -> new JwtPlugin(p.config(), c), JwtPlugin::check),
      new PluginType("hmac-auth", 1_030, HmacAuthPlugin.SCHEMA, (p, c) -> new HmacAuthPlugin(p.config(), c),
          HmacAuthPlugin::check),
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

  private KongPlugins() {
  }

  /** Kong's plugins, {@code http(s)://} upstreams and plain RFC 9457 problems. */
  public static GatewayExtensions only() {
    return builder().build();
  }

  /** Kong's plugins, to which a product adds its own plugins, upstream schemes and problem responses. */
  public static GatewayExtensions.Builder builder() {
    GatewayExtensions.Builder builder = GatewayExtensions.builder();
    ALL.forEach(builder::plugin);
    return builder;
  }
}
