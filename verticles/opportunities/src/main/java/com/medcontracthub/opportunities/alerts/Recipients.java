package com.medcontracthub.opportunities.alerts;

import com.medcontracthub.codecs.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who may still be e-mailed: the users that are still users, as the identity service says, so a user removed from a
 * tenant gets none of its alerts (their settings stay, but nothing is sent).
 */
final class Recipients {

  private static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;

  Recipients(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Those of {@code due} whose user ({@code whose}) is still a user, in their order. */
  <T> Future<List<T>> stillUsers(List<T> due, Function<T, UUID> whose) {
    return active(due.stream().map(whose).toList())
        .map(active -> due.stream().filter(item -> active.contains(whose.apply(item))).toList());
  }

  private Future<Set<UUID>> active(Collection<UUID> users) {
    if (users.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    JsonArray ids = new JsonArray(users.stream().distinct().map(UUID::toString).toList());
    return vertx.eventBus().<JsonObject>request(Addresses.IDENTITY_USERS_ACTIVE,
            new JsonObject().put(Addresses.USER_IDS, ids), new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .map(reply -> {
          Set<UUID> active = new HashSet<>();
          reply.body().getJsonArray(Addresses.USER_IDS).forEach(id -> active.add(UUID.fromString((String) id)));
          return active;
        });
  }
}
