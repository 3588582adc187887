package com.medcontracthub.identity;

import com.medcontracthub.redis.RedisLine;
import static com.medcontracthub.platform.bus.Consumers.CREATED;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.accounts.UserAdmin;
import com.medcontracthub.identity.api.IdentitySchemas;
import com.medcontracthub.identity.login.LoginThrottle;
import com.medcontracthub.identity.login.PasswordLogins;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The identity service on the event bus: logins and token checks ({@link PasswordLogins}), and tenant admins'
 * management of their users ({@link UserAdmin}); a removed user's revocation is published for every JVM.
 */
public final class IdentityVerticle extends ServiceVerticle {

  /** A login waits no longer on Redis than this; past it the throttle counts in the JVM. */
  private static final long REDIS_TIMEOUT_MS = 2_000;

  public IdentityVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    IdentityStore store = new IdentityStore(pool());
    PasswordLogins logins = new PasswordLogins(vertx, store,
        new LoginThrottle(new RedisLine(redis(), REDIS_TIMEOUT_MS), config.auth().maxFailedLogins()));
    UserAdmin users = new UserAdmin(store, new Accounts(vertx, store));
    return Future.all(List.of(
        serve(vertx, Addresses.IDENTITY_LOGIN, m -> logins.login(m.body())),
        serve(vertx, Addresses.IDENTITY_CHECK, m -> logins.check(m.body())),
        serve(vertx, Addresses.IDENTITY_USERS_ACTIVE, users::active),
        serve(vertx, Addresses.IDENTITY_USERS_LIST, users::list),
        serve(vertx, Addresses.IDENTITY_USERS_INVITE, CREATED, users::invite),
        serve(vertx, Addresses.IDENTITY_USERS_REMOVE, m -> users.remove(m).onSuccess(removed -> vertx.eventBus()
            .publish(Addresses.IDENTITY_REVOKED, new JsonObject().put(Principal.USER_ID, removed.getString("id"))))),
        ServiceSchemas.declare(vertx, Addresses.IDENTITY_USERS_LIST, IdentitySchemas.USERS),
        ServiceSchemas.declare(vertx, Addresses.IDENTITY_USERS_INVITE, IdentitySchemas.INVITE),
        ServiceSchemas.declare(vertx, Addresses.IDENTITY_USERS_REMOVE, IdentitySchemas.REMOVE)));
  }
}
