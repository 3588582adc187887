package com.medcontracthub.opportunities.saved;

import static com.medcontracthub.testkit.ServiceCalls.call;
import static com.medcontracthub.testkit.ServiceCalls.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.opportunities.SavedSearchesVerticle;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Saved searches on the event bus, against the embedded PostgreSQL, for two tenants. */
@ExtendWith(VertxExtension.class)
@DisplayName("Saved searches")
class SavedSearchesTest {

  private final String t = UUID.randomUUID().toString().substring(0, 8);
  private JsonObject alice;
  private JsonObject bob;
  /** Alice's teammate. */
  private JsonObject carol;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    String uri = TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI);
    Migrations.apply(uri);
    IdentityStore store = new IdentityStore(PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(uri)).using(vertx).build());
    Accounts accounts = new Accounts(vertx, store);
    String a = "alice-" + t + "@a.example";
    String b = "bob-" + t + "@b.example";
    String c = "carol-" + t + "@a.example";
    ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .compose(config -> vertx.deployVerticle(new SavedSearchesVerticle(config)))
        .compose(d -> accounts.createTenant("a-" + t, a, "secret-a", "test"))
        .compose(d -> accounts.createTenant("b-" + t, b, "secret-b", "test"))
        .compose(d -> store.activeByEmail(a)).compose(found -> {
          alice = found.orElseThrow().principal();
          return accounts.addUser(UUID.fromString(alice.getString("tenantId")), c, "member", "secret-c", "test");
        })
        .compose(added -> store.activeByEmail(c)).compose(found -> {
          carol = found.orElseThrow().principal();
          return store.activeByEmail(b);
        })
        .onComplete(ctx.succeeding(found -> {
          bob = found.orElseThrow().principal();
          ctx.completeNow();
        }));
  }

  private static JsonObject path(String id) {
    return new JsonObject().put("path", new JsonObject().put("id", id));
  }

  private static JsonObject body(String name, JsonObject filters) {
    return new JsonObject().put("body", new JsonObject().put("name", name).put("filters", filters));
  }

  private static JsonObject withAlerts(String alerts, String timeZone) {
    JsonObject request = body("alerted", new JsonObject().put("q", "gloves"));
    request.getJsonObject("body").put("alerts", alerts).put("timeZone", timeZone);
    return request;
  }

  @Test
  @DisplayName("a search's e-mail alerts: none by default, daily or weekly in a time zone, kept when an update leaves them out")
  void alerts(Vertx vertx, VertxTestContext ctx) {
    call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, body("quiet", new JsonObject().put("q", "gloves")))
        .onSuccess(quiet -> ctx.verify(() -> {
          assertEquals("none", quiet.getString("alerts"));
          assertEquals("UTC", quiet.getString("timeZone"));
        }))
        .compose(quiet -> call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, withAlerts("weekly", "America/Chicago")))
        .compose(weekly -> call(vertx, Addresses.SAVED_SEARCHES_UPDATE, alice, body("renamed", new JsonObject()
            .put("q", "masks")).put("path", new JsonObject().put("id", weekly.getString("id")))))
        .onComplete(ctx.succeeding(updated -> ctx.verify(() -> {
          assertEquals("renamed", updated.getString("name"));
          assertEquals("weekly", updated.getString("alerts"));
          assertEquals("America/Chicago", updated.getString("timeZone"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a teammate renames a search but cannot choose its e-mails, which go to who saved it: 403, nothing changed")
  void alertsBelongToWhoSaved(Vertx vertx, VertxTestContext ctx) {
    call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, withAlerts("weekly", "America/Chicago"))
        .compose(saved -> {
          JsonObject path = new JsonObject().put("id", saved.getString("id"));
          return failureCode(call(vertx, Addresses.SAVED_SEARCHES_UPDATE, carol,
                  withAlerts("daily", "UTC").put("path", path)))
              .compose(refused -> {
                ctx.verify(() -> assertEquals(403, refused));
                return call(vertx, Addresses.SAVED_SEARCHES_UPDATE, carol,
                    body("renamed by carol", new JsonObject().put("q", "gloves")).put("path", path));
              });
        })
        .onComplete(ctx.succeeding(renamed -> ctx.verify(() -> {
          assertEquals("renamed by carol", renamed.getString("name"));
          assertEquals("weekly", renamed.getString("alerts"), "the refused change left its e-mails as they were");
          assertEquals("America/Chicago", renamed.getString("timeZone"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("creates, lists, reads, updates and deletes a tenant's saved search with the search's filters")
  void crud(Vertx vertx, VertxTestContext ctx) {
    JsonObject filters = new JsonObject().put("q", "gloves").put("naics", new JsonArray().add("339113").add("339112"));
    call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, body("VA gloves", filters)).compose(created -> {
      ctx.verify(() -> {
        assertEquals("VA gloves", created.getString("name"));
        assertEquals(new JsonArray().add("gloves"), created.getJsonObject("filters").getJsonArray("q"));
        assertEquals(alice.getString("userId"), created.getString("createdBy"));
      });
      String id = created.getString("id");
      return call(vertx, Addresses.SAVED_SEARCHES_UPDATE, alice,
              body("VA gloves, TX", filters.copy().put("state", "TX")).put("path", new JsonObject().put("id", id)))
          .compose(updated -> {
            ctx.verify(() -> assertEquals(new JsonArray().add("TX"), updated.getJsonObject("filters").getJsonArray("state")));
            return call(vertx, Addresses.SAVED_SEARCHES_LIST, alice, new JsonObject());
          })
          .compose(list -> {
            ctx.verify(() -> assertEquals(1, list.getJsonArray("savedSearches").size()));
            return call(vertx, Addresses.SAVED_SEARCHES_DELETE, alice, path(id));
          })
          .compose(deleted -> failureCode(call(vertx, Addresses.SAVED_SEARCHES_GET, alice, path(id))));
    }).onComplete(ctx.succeeding(gone -> ctx.verify(() -> {
      assertEquals(404, gone);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("hides one tenant's saved searches from another: 404 to read, change or delete, and nothing changes")
  void tenantIsolation(Vertx vertx, VertxTestContext ctx) {
    call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, body("mine", new JsonObject().put("psc", "65")))
        .compose(created -> {
          String id = created.getString("id");
          List<Future<Integer>> attempts = List.of(
              failureCode(call(vertx, Addresses.SAVED_SEARCHES_GET, bob, path(id))),
              failureCode(call(vertx, Addresses.SAVED_SEARCHES_UPDATE, bob,
                  body("stolen", new JsonObject()).put("path", new JsonObject().put("id", id)))),
              failureCode(call(vertx, Addresses.SAVED_SEARCHES_DELETE, bob, path(id))));
          return Future.all(attempts).compose(all -> {
            ctx.verify(() -> attempts.forEach(code -> assertEquals(404, code.result())));
            return call(vertx, Addresses.SAVED_SEARCHES_LIST, bob, new JsonObject())
                .compose(bobs -> {
                  ctx.verify(() -> assertTrue(bobs.getJsonArray("savedSearches").isEmpty()));
                  return call(vertx, Addresses.SAVED_SEARCHES_GET, alice, path(id));
                });
          });
        })
        .onComplete(ctx.succeeding(still -> ctx.verify(() -> {
          assertEquals("mine", still.getString("name"), "unchanged by the other tenant");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses bad names, filters and unknown fields with 400 and a caller-less request with 401, writing nothing")
  void badInput(Vertx vertx, VertxTestContext ctx) {
    List<Future<Integer>> attempts = new ArrayList<>(List.of(
        failureCode(call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, body("", new JsonObject()))),
        failureCode(call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, body("x", new JsonObject().put("colour", "red")))),
        failureCode(call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, body("x", new JsonObject().put("postedFrom", "soon")))),
        failureCode(call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, body("x", new JsonObject().put("cursor", "abc")))),
        failureCode(call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, body("x", new JsonObject().put("naics", 42)))),
        failureCode(call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice,
            new JsonObject().put("body", new JsonObject().put("name", "x").put("filters", "q=gloves")))),
        failureCode(call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice,
            body("x", new JsonObject()).put("body", new JsonObject().put("name", "x").put("filters", new JsonObject())
                .put("nmae", "typo")))),
        failureCode(call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, withAlerts("hourly", null))),
        failureCode(call(vertx, Addresses.SAVED_SEARCHES_CREATE, alice, withAlerts("daily", "Mars/Olympus_Mons")))));
    Future<Integer> anonymous = failureCode(vertx.eventBus().request(Addresses.SAVED_SEARCHES_LIST, new JsonObject()));
    Future.all(attempts).compose(v -> anonymous)
        .compose(code -> {
          ctx.verify(() -> {
            attempts.forEach(a -> assertEquals(400, a.result()));
            assertEquals(401, code);
          });
          return call(vertx, Addresses.SAVED_SEARCHES_LIST, alice, new JsonObject());
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertTrue(list.getJsonArray("savedSearches").isEmpty(), "nothing written");
          ctx.completeNow();
        })));
  }
}
