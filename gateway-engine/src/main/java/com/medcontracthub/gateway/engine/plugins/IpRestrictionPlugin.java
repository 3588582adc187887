package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.Plugin;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Kong's {@code ip-restriction}: addresses and CIDR ranges (IPv4 and IPv6) to deny, or the only ones to allow. */
final class IpRestrictionPlugin implements Plugin {

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .strings("allow", List.of())
      .strings("deny", List.of())
      .integer("status", null, 100, 599)
      .string("message", null)
      .build();

  private final List<IpSubnetFilterRule> allow;
  private final List<IpSubnetFilterRule> deny;
  private final int status;
  private final String message;

  IpRestrictionPlugin(JsonObject config, String path) {
    this.allow = rules(config.getJsonArray("allow"), path + ".config.allow");
    this.deny = rules(config.getJsonArray("deny"), path + ".config.deny");
    if (allow.isEmpty() && deny.isEmpty()) {
      throw new DeclarativeException(path + ".config", "give allow or deny (or both)");
    }
    this.status = Objects.requireNonNullElse(config.getInteger("status"), 403);
    this.message = Objects.requireNonNullElse(config.getString("message"), "Your IP address is not allowed");
  }

  private static List<IpSubnetFilterRule> rules(JsonArray entries, String path) {
    List<IpSubnetFilterRule> rules = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.getString(i);
      String[] parts = entry.split("/", 2);
      try {
        boolean v6 = parts[0].contains(":");
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : v6 ? 128 : 32;
        rules.add(new IpSubnetFilterRule(parts[0], prefix, IpFilterRuleType.REJECT));
      } catch (RuntimeException e) {
        throw new DeclarativeException(path + "[" + i + "]", "expected an IP address or CIDR range but got \"" + entry
            + "\"");
      }
    }
    return rules;
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    InetSocketAddress client = new InetSocketAddress(exchange.ctx().request().remoteAddress().host(), 0);
    boolean denied = deny.stream().anyMatch(rule -> rule.matches(client))
        || (!allow.isEmpty() && allow.stream().noneMatch(rule -> rule.matches(client)));
    return denied ? Answers.refuse(exchange, status, message) : Answers.GO_ON;
  }
}
