package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.Plugin;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Kong's {@code acl}: lets through the consumers an authentication plugin named whose groups (the consumer's
 * {@code acls}) are in {@code allow}, or none of whose groups are in {@code deny}; tells the upstream their groups in
 * {@code X-Consumer-Groups} unless {@code hide_groups_header}. No consumer: 401; a consumer refused: 403.
 */
final class AclPlugin implements Plugin {

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .strings("allow", null)
      .strings("deny", null)
      .bool("hide_groups_header", false)
      // consumer groups are a Kong Enterprise entity, which a file here cannot declare: there are none to include
      .bool("include_consumer_groups", false)
      .bool("always_use_authenticated_groups", false)
      .build();

  private final List<String> allow;
  private final List<String> deny;
  private final boolean hideGroups;

  AclPlugin(JsonObject config) {
    this.allow = strings(config.getJsonArray("allow"));
    this.deny = strings(config.getJsonArray("deny"));
    this.hideGroups = config.getBoolean("hide_groups_header");
  }

  static void check(GatewaySpec.Plugin declared) {
    boolean allows = declared.config().getJsonArray("allow") != null;
    boolean denies = declared.config().getJsonArray("deny") != null;
    if (allows == denies) {
      throw new DeclarativeException(declared.path() + ".config", "give exactly one of allow and deny");
    }
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    GatewaySpec.Consumer consumer = exchange.consumer();
    if (consumer == null) {
      return Answers.refuse(exchange, 401, "Unauthorized");
    }
    List<String> groups = consumer.groups();
    boolean let = allow != null ? groups.stream().anyMatch(allow::contains) : groups.stream().noneMatch(deny::contains);
    if (!let) {
      return Answers.refuse(exchange, 403, "You cannot consume this service");
    }
    if (!hideGroups) {
      exchange.upstreamHeaders().set("X-Consumer-Groups", String.join(", ", groups));
    }
    return Answers.GO_ON;
  }

  private static List<String> strings(JsonArray values) {
    return values == null ? null : values.stream().map(String::valueOf).toList();
  }
}
