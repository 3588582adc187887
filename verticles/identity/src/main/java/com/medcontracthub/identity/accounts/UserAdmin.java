package com.medcontracthub.identity.accounts;

import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.correlationId;
import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.uuidOrNull;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.platform.bus.Refusal;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant admin's management of the tenant's users: 403 for a caller who is not an admin, 404 for a user of
 * another tenant (never 403, so other tenants' ids do not leak), 409 for an admin removing itself.
 */
public final class UserAdmin {

  private final IdentityStore store;
  private final Accounts accounts;

  public UserAdmin(IdentityStore store, Accounts accounts) {
    this.store = store;
    this.accounts = accounts;
  }

  /**
   * For the product's own services (no principal: not on the gateway): which of the users named are still users.
   * Ids that are not UUIDs are none of them.
   */
  public Future<JsonObject> active(Message<JsonObject> message) {
    JsonArray named = message.body().getJsonArray(Addresses.USER_IDS, new JsonArray());
    List<UUID> ids = named.stream().map(id -> id instanceof String text ? uuidOrNull(text) : null)
        .filter(Objects::nonNull).toList();
    return (ids.isEmpty() ? Future.succeededFuture(List.<UUID>of()) : store.active(ids))
        .map(active -> new JsonObject().put(Addresses.USER_IDS, new JsonArray(active.stream().map(UUID::toString).toList())));
  }

  public Future<JsonObject> list(Message<JsonObject> message) {
    return store.list(adminTenant(message)).map(users -> new JsonObject().put("users", users));
  }

  /** A new user with a generated one-time password, shown in the answer only. */
  public Future<JsonObject> invite(Message<JsonObject> message) {
    UUID tenant = adminTenant(message);
    JsonObject body = body(message, Set.of(Principal.EMAIL, Principal.ROLE));
    String email = body.getValue(Principal.EMAIL) instanceof String s ? s : null;
    String role = body.getValue(Principal.ROLE) instanceof String s ? s : "member";
    String password = Passwords.generate();
    return accounts.addUser(tenant, email, role, password, correlationId(message))
        .map(id -> new JsonObject().put("id", id.toString()).put(Principal.EMAIL, email.trim()).put(Principal.ROLE, role)
            .put("password", password));
  }

  /** @return {@code {"id", "removed": true}} once the user and the user's tokens are gone */
  public Future<JsonObject> remove(Message<JsonObject> message) {
    UUID tenant = adminTenant(message);
    UUID userId = uuidOrNull(part(message, ServiceRequest.PATH).getString("id"));
    if (userId == null) {
      return Future.failedFuture(new Refusal(404, "no such user in this tenant"));
    }
    if (userId.equals(principal(message).userId())) {
      return Future.failedFuture(new Refusal(409, "an admin cannot remove itself"));
    }
    return store.remove(tenant, userId, correlationId(message)).compose(removed -> removed
        ? Future.succeededFuture(new JsonObject().put("id", userId.toString()).put("removed", true))
        : Future.failedFuture(new Refusal(404, "no such user in this tenant")));
  }

  private static UUID adminTenant(Message<JsonObject> message) {
    Principal caller = principal(message);
    if (!caller.admin()) {
      throw new Refusal(403, "only the tenant's admins manage its users");
    }
    return caller.tenantId();
  }
}
