package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.GatewayClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * kill (appended to the recovery log, or still on Kafka for the JVM that dies) neither lost nor shown twice. A user
 * commenting over the killed JVM meanwhile sends the comment whose answer the kill cut off again, with its opId, over
 * the other: every comment acknowledged is stored once.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Chaos: the realtime JVM killed with clients connected")
class RealtimeKillMidStreamIT {

  private static final int LANES = 8;
  private static final int CLIENTS = 3;
  private static final int BEFORE = 40;
  private static final int AFTER = 40;
  /** Comments acknowledged before the kill, and again after it. */
  private static final int COMMENTS = 10;
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

    List<BoardWatcher> watchers = IntStream.range(0, CLIENTS)
        .mapToObj(i -> BoardWatcher.connect(vertx, victimPort, tenant, token, notices.get(0))).toList();
    PipelineMoves moves = new PipelineMoves(vertx, gateway, token, notices);
    Commenter commenter = new Commenter(vertx, List.of(victimPort, survivorPort), token, notices.get(0),
        "chaos-" + suffix);
    moves.start();
    commenter.start();
    moves.acknowledgedBeyond(0, BEFORE, BEFORE + " moves before the kill").await();
    commenter.acknowledgedBeyond(0, COMMENTS, COMMENTS + " comments before the kill").await();
    Eventually.until(vertx, () -> watchers.stream().allMatch(w -> w.shown() >= BEFORE), WAIT_MS,
        "every client shown " + BEFORE + " moves before the kill").await();
    victim.kill();
    int atKill = moves.acknowledged();
    int commentsAtKill = commenter.acknowledged();
    System.out.printf("SIGKILL of the realtime JVM after %d moves and %d comments acknowledged; its clients had been "
        + "shown %s%n", atKill, commentsAtKill, watchers.stream().map(BoardWatcher::shown).toList());
    watchers.forEach(watcher -> watcher.reconnect(survivorPort));
    moves.acknowledgedBeyond(atKill, AFTER, AFTER + " moves after the kill").await();
    commenter.acknowledgedBeyond(commentsAtKill, COMMENTS, COMMENTS + " comments after the kill").await();
    Future.all(moves.stop(), commenter.stop()).await();
    commenter.assertStoredOnce(pool);
    assertTrue(commenter.unanswered() > 0, "the kill cut off a comment's answer, and it was sent again");

    Set<String> stored = moves.assertEachAcknowledgedOnce(pool, tenant);
    for (int i = 0; i < CLIENTS; i++) {
      watchers.get(i).assertShownOnce(stored, "client " + i);
    }
  }
}
