package com.medcontracthub.gateway.extensions;

import com.medcontracthub.platform.http.ProductLogins;
import com.medcontracthub.gateway.engine.GatewayExtensions;
import com.medcontracthub.gateway.engine.PluginType;
import com.medcontracthub.gateway.engine.UpstreamType;
import com.medcontracthub.gateway.engine.plugins.KongPlugins;
import com.medcontracthub.platform.http.Problems;

/**
 * What the product adds to the gateway engine: the {@code mch-auth} plugin (the product's login, just before Kong's
 * first authentication plugin), {@code eventbus://<address>} services (a request to a service on the event bus,
 * whose body the message carries whole) and the product's problem responses ({@link Problems}: stable
 * {@code urn:mch:problem:*} types).
 */
public final class ProductExtensions {

  /** The scheme of services served over the event bus: {@code eventbus://<address>}. */
  public static final String EVENT_BUS = "eventbus";
  /** Just above Kong's {@code jwt} (1450), the first of its authentication plugins. */
  private static final int MCH_AUTH_PRIORITY = 1_500;

  private ProductExtensions() {
  }

  /** The product's extensions, {@code mch-auth} checking logins with {@code logins}. */
  public static GatewayExtensions create(ProductLogins logins) {
    return build(logins);
  }

  /**
   * The same plugins, upstreams and problems, for reading a file without serving it ({@code ./mch gateway validate}):
   * putting {@code mch-auth} in service needs {@link #create}.
   */
  public static GatewayExtensions forValidation() {
    return build(null);
  }

  private static GatewayExtensions build(ProductLogins logins) {
    return KongPlugins.builder()
        .plugin(new PluginType("mch-auth", MCH_AUTH_PRIORITY, MchAuthPlugin.SCHEMA, (declared, context) -> {
          if (logins == null) {
            throw new IllegalStateException("mch-auth is not served by extensions made for validation");
          }
          return new MchAuthPlugin(logins);
        }))
        .upstream(new UpstreamType(EVENT_BUS, (vertx, service) -> new EventBusUpstream(service, new BodySchemas(vertx)),
            true))
        .problems(Problems::send)
        .build();
  }
}
