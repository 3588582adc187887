package com.medcontracthub.opportunities.identity;

import static com.medcontracthub.platform.bus.Consumers.CREATED;
import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.correlationId;
import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;
import static com.medcontracthub.platform.bus.Consumers.uuidOrNull;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.redis.RedisClients;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.codecs.request.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Logins, token checks and tenant admins' user management, on the event bus: 400 bad input, 401 wrong credentials
 * or revoked token, 403 not an admin, 404 no such user in the caller's tenant (never 403, so other tenants' ids do
 * not leak), 409 taken, 429 throttled.
 */
public final class IdentityVerticle extends VerticleBase {

  private final MchConfig config;
  private Pool pool;
  private Redis redis;

  public IdentityVerticle(MchConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, config);
    redis = RedisClients.create(vertx, config);
    IdentityStore store = new IdentityStore(pool);
    Accounts accounts = new Accounts(vertx, store);
    LoginThrottle throttle = new LoginThrottle(redis, config.authMaxFailedLogins());
    return Future.all(List.of(
        serve(vertx, Addresses.IDENTITY_LOGIN, m -> login(m.body(), store, throttle)),
        serve(vertx, Addresses.IDENTITY_CHECK, m -> check(m.body(), store)),
        serve(vertx, Addresses.IDENTITY_USERS_LIST, m -> store.list(admin(m)).map(users -> new JsonObject().put("users", users))),
        serve(vertx, Addresses.IDENTITY_USERS_INVITE, CREATED, m -> invite(admin(m), m, accounts)),
        serve(vertx, Addresses.IDENTITY_USERS_REMOVE, m -> remove(admin(m), m, store)
            .onSuccess(removed -> vertx.eventBus().publish(Addresses.IDENTITY_REVOKED,
                new JsonObject().put("userId", removed.getString("id"))))),
        ServiceSchemas.declare(vertx, Addresses.IDENTITY_USERS_LIST, USERS),
        ServiceSchemas.declare(vertx, Addresses.IDENTITY_USERS_INVITE, INVITE),
        ServiceSchemas.declare(vertx, Addresses.IDENTITY_USERS_REMOVE, REMOVE)));
  }

  private static final JsonObject USERS = new JsonObject("""
      {"summary": "the users of the caller's tenant (admins)",
       "response": {"type": "object", "required": ["users"], "properties": {"users": {"type": "array", "items": {
         "type": "object", "required": ["id", "email", "role", "createdAt"], "properties": {
           "id": {"type": "string", "format": "uuid"}, "email": {"type": "string"},
           "role": {"enum": ["admin", "member"]}, "createdAt": {"type": "string"}}}}}}}""");

  private static final JsonObject REMOVE = new JsonObject("""
      {"summary": "remove a user of the caller's tenant (admins): the user's tokens stop working at once",
       "response": {"type": "object", "required": ["id", "removed"], "properties": {
         "id": {"type": "string", "format": "uuid"}, "removed": {"const": true}}}}""");

  /** What an invitation takes, for the gateway's OpenAPI document (the checks below stay the service's own). */
  private static final JsonObject INVITE = new JsonObject()
      .put("summary", "invite a user to the caller's tenant (admins); the answer carries a one-time password")
      .put("status", CREATED)
      .put("body", new JsonObject().put("type", "object").put("additionalProperties", false)
          .put("required", new JsonArray().add("email"))
          .put("properties", new JsonObject()
              .put("email", new JsonObject().put("type", "string").put("format", "email"))
              .put("role", new JsonObject().put("enum", new JsonArray().add("admin").add("member")))))
      .put("response", new JsonObject("""
          {"type": "object", "required": ["id", "email", "role", "password"], "properties": {
            "id": {"type": "string", "format": "uuid"}, "email": {"type": "string"},
            "role": {"enum": ["admin", "member"]}, "password": {"type": "string", "description": "shown once"}}}"""));

  private Future<JsonObject> login(JsonObject request, IdentityStore store, LoginThrottle throttle) {
    if (!(request.getValue("email") instanceof String email) || !(request.getValue("password") instanceof String password)) {
      return Future.failedFuture(new Refusal(400, "email and password are required"));
    }
    return throttle.retryAfter(email).compose(wait -> {
      if (wait > 0) {
        return Future.failedFuture(new Refusal(429, "too many failed logins for this address; try again in " + wait + " s"));
      }
      return store.activeByEmail(email).compose(account -> vertx.executeBlocking(
              () -> Passwords.matches(password, account.map(IdentityStore.Account::passwordHash).orElse(null)))
          .compose(ok -> ok
              ? throttle.clear(email).map(v -> account.get().principal())
              : throttle.recordFailure(email).compose(v -> Future.failedFuture(
                  new Refusal(401, "email or password is wrong")))));
    });
  }

  private static Future<JsonObject> check(JsonObject request, IdentityStore store) {
    Object version = request.getValue("tokenVersion");
    UUID userId = uuidOrNull(request.getString("userId"));
    if (userId == null || !(version instanceof Number n)) {
      return Future.failedFuture(new Refusal(401, "the token does not name a user"));
    }
    return store.principal(userId, n.intValue()).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new Refusal(401, "this token is no longer valid; log in again"))));
  }

  /** The caller's tenant, when the caller is one of its admins. */
  private static UUID admin(Message<JsonObject> message) {
    Principal caller = principal(message);
    if (!caller.admin()) {
      throw new Refusal(403, "only the tenant's admins manage its users");
    }
    return caller.tenantId();
  }

  private static Future<JsonObject> invite(UUID tenant, Message<JsonObject> message, Accounts accounts) {
    JsonObject body = body(message, Set.of("email", "role"));
    String email = body.getValue("email") instanceof String s ? s : null;
    String role = body.getValue("role") instanceof String s ? s : "member";
    String password = Passwords.generate();
    return accounts.addUser(tenant, email, role, password, correlationId(message))
        .map(id -> new JsonObject().put("id", id.toString()).put("email", email.trim()).put("role", role)
            .put("password", password));
  }

  private static Future<JsonObject> remove(UUID tenant, Message<JsonObject> message, IdentityStore store) {
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

  @Override
  public Future<?> stop() {
    return Future.join(pool == null ? Future.succeededFuture() : pool.close(),
        redis == null ? Future.succeededFuture() : redis.close());
  }
}
