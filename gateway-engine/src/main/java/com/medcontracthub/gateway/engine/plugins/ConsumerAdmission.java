package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.PluginContext;
import io.vertx.core.Future;

/**
 * What Kong's authentication plugins do once they know the consumer: it becomes the exchange's, and the upstream
 * learns it from {@code X-Consumer-Username}, {@code X-Consumer-Custom-ID}, {@code X-Credential-Identifier} and, for
 * the plugin's {@code anonymous} consumer, {@code X-Anonymous-Consumer}.
 */
final class ConsumerAdmission {

  private ConsumerAdmission() {
  }

  /** The file's consumer a plugin's {@code anonymous} names (by username); null for none. */
  static GatewaySpec.Consumer named(PluginContext context, String username) {
    return username == null ? null
        : context.consumers().stream().filter(c -> c.username().equals(username)).findFirst().orElse(null);
  }

  /** @param credential what identified the consumer (a username, a key's name), or null */
  static Future<Boolean> admit(Exchange exchange, GatewaySpec.Consumer consumer, GatewaySpec.Consumer anonymous,
      String credential) {
    exchange.consumer(consumer);
    exchange.upstreamHeaders().set("X-Consumer-Username", consumer.username());
    if (consumer.customId() != null) {
      exchange.upstreamHeaders().set("X-Consumer-Custom-ID", consumer.customId());
    }
    if (credential != null) {
      exchange.upstreamHeaders().set("X-Credential-Identifier", credential);
    }
    if (consumer == anonymous) {
      exchange.upstreamHeaders().set("X-Anonymous-Consumer", "true");
    }
    return Answers.GO_ON;
  }
}
