package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.BasicPasswords;
import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.Plugin;
import com.medcontracthub.gateway.engine.PluginContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Kong's {@code basic-auth}: the consumer whose {@code basicauth_credentials} match the request's
 * {@code Authorization} (or {@code Proxy-Authorization}) {@code Basic} credentials; missing ones are 401 with
 * {@code WWW-Authenticate: Basic realm="<realm>"}, wrong ones 401, unless an {@code anonymous} consumer stands in.
 */
final class BasicAuthPlugin implements Plugin {

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .string("anonymous", null)
      .bool("hide_credentials", false)
      .string("realm", "service")
      .build();

  private record Holder(GatewaySpec.Consumer consumer, GatewaySpec.BasicCredential credential) {
  }

  private final boolean hide;
  private final String realm;
  private final GatewaySpec.Consumer anonymous;
  private final Map<String, Holder> byUsername = new HashMap<>();

  BasicAuthPlugin(JsonObject config, PluginContext context) {
    this.hide = config.getBoolean("hide_credentials");
    this.realm = config.getString("realm");
    this.anonymous = ConsumerAdmission.named(context, config.getString("anonymous"));
    context.consumers().forEach(consumer -> consumer.basicCredentials()
        .forEach(credential -> byUsername.put(credential.username(), new Holder(consumer, credential))));
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    String header = "Authorization";
    String value = exchange.ctx().request().getHeader(header);
    if (value == null) {
      header = "Proxy-Authorization";
      value = exchange.ctx().request().getHeader(header);
    }
    if (value == null || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
      return anonymous != null ? ConsumerAdmission.admit(exchange, anonymous, anonymous, null)
          : refuse(exchange, "Unauthorized");
    }
    String[] pair = decode(value.substring(6).trim());
    Holder holder = pair == null ? null : byUsername.get(pair[0]);
    if (holder == null || !BasicPasswords.matches(holder.credential(), pair[1])) {
      return anonymous != null ? ConsumerAdmission.admit(exchange, anonymous, anonymous, null)
          : refuse(exchange, "Invalid authentication credentials");
    }
    if (hide) {
      exchange.hiddenHeaders().add(header);
    }
    return ConsumerAdmission.admit(exchange, holder.consumer(), anonymous, pair[0]);
  }

  private Future<Boolean> refuse(Exchange exchange, String message) {
    exchange.ctx().response().putHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
    return Answers.refuse(exchange, 401, message);
  }

  /** {@code username:password}, split at the first colon; null when it is not base64 or has no colon. */
  private static String[] decode(String encoded) {
    try {
      String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      return colon < 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
