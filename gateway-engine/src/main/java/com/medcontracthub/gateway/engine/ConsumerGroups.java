package com.medcontracthub.gateway.engine;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The file's {@code consumer_groups} (a Kong Enterprise entity): plugins a group carries apply to its member
 * consumers (a consumer names its groups in {@code groups}), after the consumer's own instance of the same plugin and
 * before the route's, service's and global ones. They join the members' own plugins once the whole file is read.
 */
final class ConsumerGroups {

  static final Set<String> GROUP = Set.of("name", "id", "tags", "plugins");

  private record Membership(List<GatewaySpec.Plugin> consumerPlugins, List<List<GatewaySpec.Plugin>> groupPlugins) {
  }

  private final References<List<GatewaySpec.Plugin>> groups = new References<>("consumer group");
  private final List<Membership> memberships = new ArrayList<>();

  /** @param plugins reads the plugins a group declares */
  ConsumerGroups(Node top, Function<Node, List<GatewaySpec.Plugin>> plugins) {
    for (Node node : top.nodes("consumer_groups", GROUP)) {
      node.strings("tags");
      groups.add(node, "name", node.requiredString("name"), node.string("id", null), new ArrayList<>(plugins.apply(node)));
    }
  }

  /** The groups a consumer names in its {@code groups} ({@code {name: …}}, {@code {id: …}} or the name). */
  void member(Node consumer, List<GatewaySpec.Plugin> consumerPlugins) {
    List<List<GatewaySpec.Plugin>> of = new ArrayList<>();
    Object declared = consumer.raw("groups");
    if (declared != null && !(declared instanceof JsonArray)) {
      throw new DeclarativeException(consumer.path("groups"), "expected a list but got " + Node.describe(declared));
    }
    JsonArray named = declared == null ? new JsonArray() : (JsonArray) declared;
    for (int i = 0; i < named.size(); i++) {
      of.add(groups.resolve(named.getValue(i), consumer.path("groups") + "[" + i + "]"));
    }
    memberships.add(new Membership(consumerPlugins, of));
  }

  /** The plugins of the group a top-level plugin's {@code consumer_group} names. */
  List<GatewaySpec.Plugin> resolve(Node plugin) {
    return groups.resolve(plugin, "consumer_group");
  }

  /** Each member gets its groups' plugins it has no instance of, the first group's first. */
  void join() {
    for (Membership membership : memberships) {
      for (List<GatewaySpec.Plugin> group : membership.groupPlugins()) {
        for (GatewaySpec.Plugin plugin : group) {
          if (membership.consumerPlugins().stream().noneMatch(own -> own.name().equals(plugin.name()))) {
            membership.consumerPlugins().add(plugin);
          }
        }
      }
    }
  }
}
