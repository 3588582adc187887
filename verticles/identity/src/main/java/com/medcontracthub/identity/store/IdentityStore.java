package com.medcontracthub.identity.store;

import com.medcontracthub.codecs.request.LoginFields;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.bus.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants and users in PostgreSQL. Every write records the correlation id of the request that made it. */
public final class IdentityStore {

  /** PostgreSQL's unique_violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** An active account as login needs it. */
  public record Account(UUID id, UUID tenantId, String passwordHash, String role, int tokenVersion) {

    public JsonObject principal() {
      return new JsonObject().put(Principal.USER_ID, id.toString()).put(Principal.TENANT_ID, tenantId.toString())
          .put(Principal.ROLE, role).put(LoginFields.TOKEN_VERSION, tokenVersion);
    }
  }

  /** A name or address that is taken. */
  public static final class Conflict extends Refusal {
    Conflict(String message) {
      super(409, message);
    }
  }

  private final Pool pool;

  public IdentityStore(Pool pool) {
    this.pool = pool;
  }

  /** The tenant and its first admin, together or not at all. */
  public Future<UUID> createTenant(String name, String adminEmail, String adminPasswordHash, String correlationId) {
    UUID tenantId = UUID.randomUUID();
    return pool.withTransaction(conn -> conn.preparedQuery(IdentitySql.INSERT_TENANT)
            .execute(Tuple.of(tenantId, name, correlationId))
            .transform(ar -> ar.succeeded() ? Future.succeededFuture(ar.result())
                : Future.failedFuture(conflictOr(ar.cause(), "a tenant named '" + name + "' exists already")))
            .compose(v -> conn.preparedQuery(IdentitySql.INSERT_USER).execute(Tuple.of(UUID.randomUUID(), tenantId,
                adminEmail, adminPasswordHash, "admin", correlationId)))
            .transform(ar -> ar.succeeded() ? Future.succeededFuture(tenantId)
                : Future.failedFuture(conflictOr(ar.cause(), adminEmail + " has an account already"))));
  }

  public Future<Optional<UUID>> tenantByName(String name) {
    return pool.preparedQuery(IdentitySql.TENANT_BY_NAME).execute(Tuple.of(name))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id")));
  }

  public Future<UUID> addUser(UUID tenantId, String email, String passwordHash, String role, String correlationId) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery(IdentitySql.INSERT_USER)
        .execute(Tuple.of(id, tenantId, email, passwordHash, role, correlationId))
        .transform(ar -> ar.succeeded() ? Future.succeededFuture(id)
            : Future.failedFuture(conflictOr(ar.cause(), email + " has an account already")));
  }

  public Future<Optional<Account>> activeByEmail(String email) {
    return pool.preparedQuery(IdentitySql.ACTIVE_BY_EMAIL).execute(Tuple.of(email)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Account(r.getUUID("id"), r.getUUID("tenant_id"), r.getString("password_hash"),
          r.getString("role"), r.getInteger("token_version")));
    });
  }

  /** The principal of a token whose user is still there with this token version. */
  public Future<Optional<JsonObject>> principal(UUID userId, int tokenVersion) {
    return pool.preparedQuery(IdentitySql.PRINCIPAL).execute(Tuple.of(userId, tokenVersion)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Principal(r.getUUID("id"), r.getUUID("tenant_id"), r.getString("role"),
          r.getString("email")).toJson());
    });
  }

  /** Those of {@code users} that are still users (not removed). */
  public Future<List<UUID>> active(List<UUID> users) {
    return pool.preparedQuery(IdentitySql.ACTIVE).execute(Tuple.of(users.toArray(UUID[]::new))).map(rows -> {
      List<UUID> active = new ArrayList<>();
      rows.forEach(row -> active.add(row.getUUID("id")));
      return active;
    });
  }

  public Future<JsonArray> list(UUID tenantId) {
    return pool.preparedQuery(IdentitySql.LIST).execute(Tuple.of(tenantId)).map(rows -> {
      JsonArray users = new JsonArray();
      rows.forEach(r -> users.add(new JsonObject().put("id", r.getUUID("id").toString())
          .put("email", r.getString("email")).put("role", r.getString("role"))
          .put("createdAt", r.getOffsetDateTime("created_at").toString())));
      return users;
    });
  }

  /** @return whether the tenant had this active user */
  public Future<Boolean> remove(UUID tenantId, UUID userId, String correlationId) {
    return pool.preparedQuery(IdentitySql.REMOVE).execute(Tuple.of(userId, tenantId, correlationId))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Throwable conflictOr(Throwable cause, String message) {
    return cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()) ? new Conflict(message) : cause;
  }
}
