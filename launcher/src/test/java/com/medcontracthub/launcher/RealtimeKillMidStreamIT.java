package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.realtime.log.EventViews;
import com.medcontracthub.testkit.BridgeClient;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.GatewayClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JVM serving realtime clients SIGKILLed while they watch their tenant's pipeline under a steady stream of moves
 * through the public API: a cluster of one JVM that takes the moves (gateway, identity, opportunities) and two realtime
 * JVMs (gateway and realtime), the clients on the one killed. Each client does what the browser does when its socket
 * drops: it connects to the other realtime JVM and registers again with the {@code seq} of the last push it saw. Every
 * move stored must then have reached every client exactly once, over its two connections: the pushes in flight at the
 * kill (appended to the recovery log, or still on Kafka for the JVM that dies) neither lost nor shown twice.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Chaos: the realtime JVM killed with clients connected")
class RealtimeKillMidStreamIT {

  private static final int LANES = 8;
  private static final int CLIENTS = 3;
  private static final int BEFORE = 40;
  private static final int AFTER = 40;
  private static final long WAIT_MS = 120_000;

  private final ClusterJvms cluster = new ClusterJvms(3);
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> notices = IntStream.range(0, LANES).mapToObj(i -> "RT-" + suffix + "-" + i).toList();
  private Pool pool;

  @AfterEach
  void stop() {
    cluster.kill();
    if (pool != null) {
      pool.close().await();
    }
  }

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  @DisplayName("every client, reconnected to the other realtime JVM with the seq it last saw, has every move stored "
      + "once: none lost at the kill, none shown twice")
  void realtimeKilled(Vertx vertx) throws Exception {
    String admin = "admin-" + suffix + "@realtime-chaos.example";
    UUID tenant = ClusterSeed.tenantWithNotices(vertx, "rt-chaos-" + suffix, admin, "secret",
        notices.stream().map(notice -> ClusterSeed.notice(notice, "Exam gloves " + notice)).toList());
    pool = ClusterSeed.pool(vertx);
    MchProcess core = cluster.start(0, "--services=gateway,identity,opportunities", "--set", "gateway.port=0");
    MchProcess victim = cluster.start(1, "--services=gateway,realtime", "--set", "gateway.port=0");
    MchProcess survivor = cluster.start(2, "--services=gateway,realtime", "--set", "gateway.port=0");
    GatewayClient gateway = new GatewayClient(vertx, core.ready().get(3, TimeUnit.MINUTES));
    int victimPort = victim.ready().get(3, TimeUnit.MINUTES);
    int survivorPort = survivor.ready().get(3, TimeUnit.MINUTES);
    String token = gateway.login(admin, "secret").await();
    String notifications = "tenant." + tenant + ".notifications";
    Function<JsonObject, String> moveOf = frame -> tenant + ":" + frame.getJsonObject("body").getString("noticeId")
        + "#" + frame.getJsonObject("body").getInteger("version");

    List<BridgeClient> first = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      first.add(watching(vertx, victimPort, notifications, token, null));
    }
    PipelineMoves moves = new PipelineMoves(vertx, gateway, token, notices);
    moves.start();
    moves.acknowledgedBeyond(0, BEFORE, BEFORE + " moves before the kill").await();
    Eventually.until(vertx, () -> first.stream().allMatch(c -> pushes(c, notifications).size() >= BEFORE), WAIT_MS,
        "every client shown " + BEFORE + " moves before the kill").await();
    victim.kill();
    int atKill = moves.acknowledged();
    System.out.printf("SIGKILL of the realtime JVM after %d moves acknowledged; its clients had been shown %s%n", atKill,
        first.stream().map(c -> pushes(c, notifications).size()).toList());

    List<BridgeClient> second = new ArrayList<>();
    for (BridgeClient client : first) {
      client.closed().timeout(WAIT_MS, TimeUnit.MILLISECONDS).await();
      List<JsonObject> seen = pushes(client, notifications);
      String since = seen.get(seen.size() - 1).getJsonObject("headers").getString("seq");
      second.add(watching(vertx, survivorPort, notifications, token, since));
    }
    moves.acknowledgedBeyond(atKill, AFTER, AFTER + " moves after the kill").await();
    moves.stop().await();
    Set<String> stored = moves.assertEachAcknowledgedOnce(pool, tenant);

    Eventually.until(vertx, () -> IntStream.range(0, CLIENTS).allMatch(i -> shown(first.get(i), second.get(i),
        notifications, moveOf).keySet().containsAll(stored)), WAIT_MS, "every client shown every move stored")
        .otherwiseEmpty().await();
    for (int i = 0; i < CLIENTS; i++) {
      Map<String, Long> shown = shown(first.get(i), second.get(i), notifications, moveOf);
      Set<String> twice = shown.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
          .collect(Collectors.toCollection(TreeSet::new));
      Set<String> missing = new TreeSet<>(stored);
      missing.removeAll(shown.keySet());
      List<JsonObject> errors = second.get(i).seen().stream().filter(f -> "err".equals(f.getString("type"))).toList();
      System.out.printf("client %d: shown %d moves on the killed JVM, %d on the other (replayed and live); %d shown "
          + "twice, %d not shown %s, refusals %s%n", i, pushes(first.get(i), notifications).size(),
          pushes(second.get(i), notifications).size(), twice.size(), missing.size(), missing, errors);
      assertEquals(List.of(), errors, "client " + i + ": refusals on reconnecting");
      assertEquals(Set.of(), twice, "client " + i + ": moves shown more than once");
      assertEquals(stored, shown.keySet(), "client " + i + ": the moves shown are the moves stored");
    }
  }

  /**
   * A client connected to {@code port} watching the tenant's notifications, from {@code since} when recovering; ready
   * once a request sent after the registration is answered (the bridge handles a socket's frames in order).
   */
  private BridgeClient watching(Vertx vertx, int port, String notifications, String token, String since) {
    BridgeClient client = BridgeClient.webSocket(vertx, port).await();
    client.register(notifications, token, since);
    client.next(client.request("opportunity." + notices.get(0) + ".notes", token,
        new JsonObject().put("action", "load"))).timeout(WAIT_MS, TimeUnit.MILLISECONDS).await();
    return client;
  }

  /** The pipeline moves pushed to the client on its notifications, in the order they came. */
  private static List<JsonObject> pushes(BridgeClient client, String notifications) {
    return client.seen().stream().filter(frame -> "rec".equals(frame.getString("type"))
            && notifications.equals(frame.getString("address"))
            && EventViews.PIPELINE_MOVED.equals(frame.getJsonObject("body").getString("kind")))
        .toList();
  }

  /** How often each move was shown to one client over its two connections. */
  private static Map<String, Long> shown(BridgeClient first, BridgeClient second, String notifications,
      Function<JsonObject, String> moveOf) {
    List<JsonObject> all = new ArrayList<>(pushes(first, notifications));
    all.addAll(pushes(second, notifications));
    return all.stream().collect(Collectors.groupingBy(moveOf, TreeMap::new, Collectors.counting()));
  }
}
