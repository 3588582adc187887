package com.medcontracthub.opportunities.identity;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.Headers;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins, token checks and tenant admins' user management, on the event bus. Failures carry HTTP-like codes the
 * gateway passes on: 400 bad input, 401 wrong credentials or revoked token, 403 not an admin, 404 no such user in
 * the caller's tenant (never 403, so other tenants' ids do not leak), 409 taken, 429 throttled.
 */
public final class IdentityVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityVerticle.class);

  private final MchConfig config;
  private Pool pool;
  private Redis redis;

  public IdentityVerticle(MchConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(config.postgresUri()))
        .with(new PoolOptions().setMaxSize(config.postgresPoolSize())).using(vertx).build();
    RedisOptions redisOptions = new RedisOptions().setConnectionString(config.redisUri());
    redisOptions.getNetClientOptions().setConnectTimeout((int) config.healthTimeoutMs());
    redis = Redis.createClient(vertx, redisOptions);
    IdentityStore store = new IdentityStore(pool);
    Accounts accounts = new Accounts(vertx, store);
    LoginThrottle throttle = new LoginThrottle(redis, config.authMaxFailedLogins());
    List<Future<Void>> registered = List.of(
        on(Addresses.IDENTITY_LOGIN, m -> login(m.body(), store, throttle)),
        on(Addresses.IDENTITY_CHECK, m -> check(m.body(), store)),
        on(Addresses.IDENTITY_USERS_LIST, m -> admin(m.body()).compose(tenant -> store.list(tenant))
            .map(users -> new JsonObject().put("users", users))),
        on(Addresses.IDENTITY_USERS_INVITE, m -> admin(m.body()).compose(tenant -> invite(tenant, m, accounts))),
        on(Addresses.IDENTITY_USERS_REMOVE, m -> admin(m.body()).compose(tenant -> remove(tenant, m, store))
            .onSuccess(removed -> vertx.eventBus().publish(Addresses.IDENTITY_REVOKED,
                new JsonObject().put("userId", removed.getString("id"))))));
    return Future.all(registered);
  }

  private Future<Void> on(String address, Function<Message<JsonObject>, Future<JsonObject>> handler) {
    Handler<Message<JsonObject>> consumer = message -> {
      Future<JsonObject> result;
      try {
        result = handler.apply(message);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onSuccess(message::reply).onFailure(e -> fail(message, e));
    };
    return vertx.eventBus().consumer(address, consumer).completion();
  }

  private static void fail(Message<JsonObject> message, Throwable e) {
    if (e instanceof Refusal refusal) {
      message.fail(refusal.status, refusal.getMessage());
    } else if (e instanceof Accounts.BadInput) {
      message.fail(400, e.getMessage());
    } else if (e instanceof IdentityStore.Conflict) {
      message.fail(409, e.getMessage());
    } else {
      LOG.warn("{} failed: {}", message.address(), e.toString());
      message.fail(503, "accounts are unavailable right now");
    }
  }

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
  private static Future<UUID> admin(JsonObject request) {
    JsonObject principal = request.getJsonObject("principal");
    if (principal == null) {
      return Future.failedFuture(new Refusal(401, "a logged-in user is required"));
    }
    if (!"admin".equals(principal.getString("role"))) {
      return Future.failedFuture(new Refusal(403, "only the tenant's admins manage its users"));
    }
    return Future.succeededFuture(UUID.fromString(principal.getString("tenantId")));
  }

  private static Future<JsonObject> invite(UUID tenant, Message<JsonObject> message, Accounts accounts) {
    JsonObject body = message.body().getJsonObject("body", new JsonObject());
    String email = body.getValue("email") instanceof String s ? s : null;
    String role = body.getValue("role") instanceof String s ? s : "member";
    String password = Passwords.generate();
    return accounts.addUser(tenant, email, role, password, correlationId(message))
        .map(id -> new JsonObject().put("id", id.toString()).put("email", email.trim()).put("role", role)
            .put("password", password));
  }

  private static Future<JsonObject> remove(UUID tenant, Message<JsonObject> message, IdentityStore store) {
    JsonObject principal = message.body().getJsonObject("principal");
    UUID userId = uuidOrNull(message.body().getJsonObject("path", new JsonObject()).getString("id"));
    if (userId == null) {
      return Future.failedFuture(new Refusal(404, "no such user in this tenant"));
    }
    if (userId.toString().equals(principal.getString("userId"))) {
      return Future.failedFuture(new Refusal(409, "an admin cannot remove itself"));
    }
    return store.remove(tenant, userId, correlationId(message)).compose(removed -> removed
        ? Future.succeededFuture(new JsonObject().put("id", userId.toString()).put("removed", true))
        : Future.failedFuture(new Refusal(404, "no such user in this tenant")));
  }

  private static String correlationId(Message<JsonObject> message) {
    String id = message.headers().get(Headers.CORRELATION_ID);
    return id == null ? UUID.randomUUID().toString() : id;
  }

  private static UUID uuidOrNull(String text) {
    try {
      return text == null ? null : UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public Future<?> stop() {
    return Future.join(pool == null ? Future.succeededFuture() : pool.close(),
        redis == null ? Future.succeededFuture() : redis.close());
  }

  /** A refusal the caller should see as is, with its HTTP-like code. */
  private static final class Refusal extends RuntimeException {
    final int status;

    Refusal(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
