package com.medcontracthub.identity.accounts;

import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.platform.bus.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creating tenants and users, for operators (CLI) and tenant admins (API) alike: validated, passwords hashed. */
public final class Accounts {

  public static final Set<String> ROLES = Set.of("admin", "member");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,60}");
  private static final int MIN_PASSWORD = 4;

  /** A value an operator or admin gave is not acceptable; the message says which and why. */
  public static final class BadInput extends Refusal {
    BadInput(String message) {
      super(400, message);
    }
  }

  private final Vertx vertx;
  private final IdentityStore store;

  public Accounts(Vertx vertx, IdentityStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  public Future<UUID> createTenant(String name, String adminEmail, String password, String correlationId) {
    if (name == null || name.isBlank() || name.length() > 100) {
      return Future.failedFuture(new BadInput("name: expected 1 to 100 characters"));
    }
    return checked(adminEmail, "admin", password)
        .compose(v -> hash(password))
        .compose(hash -> store.createTenant(name.trim(), adminEmail.trim(), hash, correlationId));
  }

  public Future<UUID> addUser(UUID tenantId, String email, String role, String password, String correlationId) {
    return checked(email, role, password)
        .compose(v -> hash(password))
        .compose(hash -> store.addUser(tenantId, email.trim(), hash, role, correlationId));
  }

  /** The id of the tenant with this name, or a {@link BadInput} naming it. */
  public Future<UUID> tenantId(String name) {
    return store.tenantByName(name).compose(id -> id.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new BadInput("tenant: no tenant named '" + name + "'"))));
  }

  private static Future<Void> checked(String email, String role, String password) {
    if (email == null || !EMAIL.matcher(email.trim()).matches()) {
      return Future.failedFuture(new BadInput("email: expected an address like name@example.gov"));
    }
    if (!ROLES.contains(role)) {
      return Future.failedFuture(new BadInput("role: expected admin or member"));
    }
    if (password == null || password.length() < MIN_PASSWORD || password.length() > 256) {
      return Future.failedFuture(new BadInput("password: expected " + MIN_PASSWORD + " to 256 characters"));
    }
    return Future.succeededFuture();
  }

  private Future<String> hash(String password) {
    return vertx.executeBlocking(() -> Passwords.hash(password));
  }
}
