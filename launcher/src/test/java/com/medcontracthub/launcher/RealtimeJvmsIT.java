package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.BridgeClient;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two realtime JVMs (gateway and realtime services) and one for the identity and opportunities services, in one cluster over the
 * test's Kafka, PostgreSQL and Redis: users on different JVMs see each other, a killed JVM's users disappear from
 * presence, and they recover what they missed on the other JVM.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Realtime across JVMs")
class RealtimeJvmsIT {

  /** Presence entries expire 10 s after the last refresh of a dead JVM; the sweep runs every second. */
  private static final long PRESENCE_GONE_MS = 20_000;

  private final ClusterJvms cluster = new ClusterJvms(3);
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String notice = "jvms-" + suffix;

  @AfterEach
  void stop() {
    cluster.kill();
  }

  /** A tenant with two users and one notice, written straight to the shared PostgreSQL. */
  private Future<Void> seed(Vertx vertx) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    Pool pool = PgPools.create(vertx, config);
    Accounts accounts = new Accounts(vertx, new IdentityStore(pool));
    String record = "{\"noticeId\": \"" + notice + "\", \"title\": \"Surgical masks\", \"postedDate\": \"2024-05-01\"}";
    return accounts.createTenant("jvms-" + suffix, "u1-" + suffix + "@jvms.example", "secret-1", "test")
        .compose(tenant -> accounts.addUser(tenant, "u2-" + suffix + "@jvms.example", "member", "secret-2", "test"))
        .compose(v -> vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(
            () -> new ByteArrayInputStream(record.getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { })))
        .eventually(pool::close)
        .mapEmpty();
  }

  private Future<JsonArray> members(BridgeClient client, int count, long timeoutMs) {
    String address = "opportunity." + notice + ".presence";
    return client.next(frame -> address.equals(frame.getString("address")) && frame.getJsonObject("body") != null
        && frame.getJsonObject("body").getJsonArray("members").size() == count, timeoutMs)
        .map(frame -> frame.getJsonObject("body").getJsonArray("members"));
  }

  private Future<JsonObject> comment(BridgeClient client, String token, String text) {
    return client.next(client.request("opportunity." + notice + ".comments", token, new JsonObject().put("text", text)));
  }

  private Future<String> text(BridgeClient client) {
    String address = "opportunity." + notice + ".comments";
    return client.next(frame -> "rec".equals(frame.getString("type")) && address.equals(frame.getString("address")))
        .map(frame -> frame.getJsonObject("body").getString("text"));
  }

  @Test
  @DisplayName("users on two JVMs see each other; when one JVM dies its users leave presence and recover on the other")
  void presenceAndRecovery(Vertx vertx, VertxTestContext ctx) throws Exception {
    seed(vertx).await();
    MchProcess core = cluster.start(0, "--services=identity,opportunities");
    MchProcess one = cluster.start(1, "--services=gateway,realtime");
    MchProcess two = cluster.start(2, "--services=gateway,realtime");
    core.ready().get();
    int portOne = one.ready().get();
    int portTwo = two.ready().get();
    GatewayClient gateway = new GatewayClient(vertx, portOne);
    String presence = "opportunity." + notice + ".presence";
    String comments = "opportunity." + notice + ".comments";
    List<String> recovered = new ArrayList<>();
    Future.all(gateway.login("u1-" + suffix + "@jvms.example", "secret-1"),
            gateway.login("u2-" + suffix + "@jvms.example", "secret-2"),
            BridgeClient.webSocket(vertx, portOne), BridgeClient.webSocket(vertx, portTwo))
        .compose(all -> {
          String t1 = all.resultAt(0);
          String t2 = all.resultAt(1);
          BridgeClient u1 = all.resultAt(2);
          BridgeClient u2 = all.resultAt(3);
          u1.register(presence, t1);
          u1.register(comments, t1);
          return members(u1, 1, 10_000)
              .compose(v -> {
                u2.register(comments, t2);
                u2.register(presence, t2);
                return members(u1, 2, 10_000);
              })
              .compose(v -> comment(u1, t1, "from JVM one"))
              .compose(v -> u2.next(frame -> comments.equals(frame.getString("address"))
                  && "rec".equals(frame.getString("type"))))
              .compose(seen -> {
                ctx.verify(() -> assertEquals("from JVM one", seen.getJsonObject("body").getString("text"),
                    "a comment made on one JVM reaches a user on the other"));
                String since = seen.getJsonObject("headers").getString("seq");
                two.kill();
                return members(u1, 1, PRESENCE_GONE_MS)
                    .compose(v -> comment(u1, t1, "missed 1"))
                    .compose(v -> comment(u1, t1, "missed 2"))
                    .compose(v -> BridgeClient.webSocket(vertx, portOne))
                    .compose(back -> {
                      back.register(comments, t2, since);
                      // answered only after the registration (and its replay) was handled
                      return back.next(back.request("opportunity." + notice + ".notes", t2,
                              new JsonObject().put("action", "load")))
                          .compose(v -> comment(u1, t1, "live"))
                          .compose(v -> text(back)).map(recovered::add)
                          .compose(v -> text(back)).map(recovered::add)
                          .compose(v -> text(back)).map(recovered::add);
                    });
              });
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of("missed 1", "missed 2", "live"), recovered,
              "reconnected to the other JVM: what it missed, in order, once, then live");
          ctx.completeNow();
        })));
  }
}
