package com.medcontracthub.identity;

import static com.medcontracthub.testkit.ServiceCalls.call;
import static com.medcontracthub.testkit.ServiceCalls.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Logins, token checks and user management on the event bus, against the embedded PostgreSQL and Redis. */
@ExtendWith(VertxExtension.class)
@DisplayName("Identity")
class IdentityTest {

  private final String t = UUID.randomUUID().toString().substring(0, 8);
  private final String admin = "admin-" + t + "@example.gov";
  private final String member = "member-" + t + "@example.gov";
  private Accounts accounts;
  private UUID tenant;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    String uri = TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI);
    Migrations.apply(uri);
    accounts = new Accounts(vertx, new IdentityStore(PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(uri))
        .using(vertx).build()));
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put("MCH_AUTH_MAX_FAILED_LOGINS", "3");
    ConfigLoader.load(vertx, "cluster", Optional.empty(), env, Map.of())
        .compose(config -> vertx.deployVerticle(new IdentityVerticle(config)))
        .compose(d -> accounts.createTenant("tenant-" + t, admin, "admin-secret", "test"))
        .compose(id -> {
          tenant = id;
          return accounts.addUser(id, member, "member", "member-secret", "test");
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<JsonObject> login(Vertx vertx, String email, String password) {
    return vertx.eventBus().<JsonObject>request(Addresses.IDENTITY_LOGIN,
        new JsonObject().put("email", email).put("password", password)).map(m -> m.body());
  }

  @Test
  @DisplayName("logs in with the right password only, the same 401 for a wrong password and an unknown address")
  void login(Vertx vertx, VertxTestContext ctx) {
    login(vertx, admin.toUpperCase(), "admin-secret")
        .compose(principal -> {
          ctx.verify(() -> {
            assertEquals("admin", principal.getString("role"));
            assertEquals(tenant.toString(), principal.getString("tenantId"));
            assertEquals(0, principal.getInteger("tokenVersion"));
          });
          return failureCode(login(vertx, admin, "wrong"));
        })
        .compose(wrong -> {
          ctx.verify(() -> assertEquals(401, wrong));
          return failureCode(login(vertx, "nobody-" + t + "@example.gov", "admin-secret"));
        })
        .onComplete(ctx.succeeding(unknown -> ctx.verify(() -> {
          assertEquals(401, unknown);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses an address with 429 after repeated failures, even with the right password")
  void throttles(Vertx vertx, VertxTestContext ctx) {
    failureCode(login(vertx, member, "x1"))
        .compose(v -> failureCode(login(vertx, member, "x2")))
        .compose(v -> failureCode(login(vertx, member, "x3")))
        .compose(v -> failureCode(login(vertx, member, "member-secret")))
        .compose(throttled -> {
          ctx.verify(() -> assertEquals(429, throttled));
          return login(vertx, admin, "admin-secret");
        })
        .onComplete(ctx.succeeding(other -> ctx.verify(() -> {
          assertEquals("admin", other.getString("role"), "other addresses are not throttled");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("lets admins invite and remove users; a removed user's tokens fail the check and it is no longer an "
      + "active user; members may not")
  void manageUsers(Vertx vertx, VertxTestContext ctx) {
    login(vertx, admin, "admin-secret").compose(adminPrincipal -> login(vertx, member, "member-secret")
        .compose(memberPrincipal -> failureCode(call(vertx, Addresses.IDENTITY_USERS_INVITE, memberPrincipal,
                new JsonObject().put("body", new JsonObject().put("email", "x-" + t + "@example.gov"))))
            .compose(forbidden -> {
              ctx.verify(() -> assertEquals(403, forbidden));
              return call(vertx, Addresses.IDENTITY_USERS_INVITE, adminPrincipal,
                  new JsonObject().put("body", new JsonObject().put("email", "new-" + t + "@example.gov")));
            })
            .compose(invited -> login(vertx, invited.getString("email"), invited.getString("password")))
            .compose(invitee -> failureCode(call(vertx, Addresses.IDENTITY_USERS_INVITE, adminPrincipal,
                    new JsonObject().put("body", new JsonObject().put("email", "new-" + t + "@example.gov"))))
                .compose(taken -> {
                  ctx.verify(() -> assertEquals(409, taken));
                  return failureCode(call(vertx, Addresses.IDENTITY_USERS_INVITE, adminPrincipal,
                      new JsonObject().put("body", new JsonObject().put("email", "not an address"))));
                })
                .compose(bad -> {
                  ctx.verify(() -> assertEquals(400, bad));
                  return vertx.eventBus().request(Addresses.IDENTITY_CHECK, invitee);
                })
                .compose(valid -> call(vertx, Addresses.IDENTITY_USERS_REMOVE, adminPrincipal,
                    new JsonObject().put("path", new JsonObject().put("id", invitee.getString("userId")))))
                .compose(removed -> failureCode(vertx.eventBus().request(Addresses.IDENTITY_CHECK, invitee)))
                .compose(revoked -> {
                  ctx.verify(() -> assertEquals(401, revoked));
                  return vertx.eventBus().<JsonObject>request(Addresses.IDENTITY_USERS_ACTIVE, new JsonObject()
                      .put(Addresses.USER_IDS, new JsonArray().add(invitee.getString("userId"))
                          .add(adminPrincipal.getString("userId")).add("not-a-user")));
                })
                .compose(active -> {
                  ctx.verify(() -> assertEquals(new JsonArray().add(adminPrincipal.getString("userId")),
                      active.body().getJsonArray(Addresses.USER_IDS)));
                  return call(vertx, Addresses.IDENTITY_USERS_LIST, adminPrincipal, new JsonObject());
                }))))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(2, list.getJsonArray("users").size(), list.encode());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("answers 404, not 403, when an admin removes a user of another tenant")
  void otherTenant(Vertx vertx, VertxTestContext ctx) {
    String otherAdmin = "other-" + t + "@example.gov";
    accounts.createTenant("other-" + t, otherAdmin, "other-secret", "test")
        .compose(id -> login(vertx, otherAdmin, "other-secret"))
        .compose(other -> login(vertx, member, "member-secret").compose(victim -> failureCode(call(vertx,
            Addresses.IDENTITY_USERS_REMOVE, other,
            new JsonObject().put("path", new JsonObject().put("id", victim.getString("userId")))))))
        .compose(code -> {
          ctx.verify(() -> assertEquals(404, code));
          return login(vertx, member, "member-secret");
        })
        .onComplete(ctx.succeeding(stillThere -> ctx.verify(() -> {
          assertTrue(stillThere.containsKey("userId"));
          ctx.completeNow();
        })));
  }
}
