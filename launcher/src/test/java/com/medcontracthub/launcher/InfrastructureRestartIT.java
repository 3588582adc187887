package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.embedded.EmbeddedInfrastructure;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka, PostgreSQL or Redis stopped under a steady stream of pipeline moves through the public API, and started again
 * at the same address over the same data, on a cluster of two JVMs (the edge: gateway, identity and realtime; the
 * opportunities service with the outbox relay) over the test infrastructure, a user watching the board over the realtime
 * bridge. While it is down the product does what it can without it: without Kafka moves are still taken, their events kept in the
 * outbox; without PostgreSQL moves are refused with a 503 and nothing half done; without Redis moves are answered as
 * before, and their pushes wait on Kafka (the recovery log is in Redis). Once it is back, every move acknowledged is in
 * PostgreSQL once and on Kafka once, by event id, and was shown to the user once.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Chaos: infrastructure restarted mid-stream")
class InfrastructureRestartIT {

  private static final int LANES = 8;
  private static final int BEFORE = 40;
  private static final int AFTER = 40;
  /** Moves of the tenant whose events wait in the outbox, or answered without Redis, before it is started again. */
  private static final int WHILE_DOWN = 2 * LANES;
  private static final long WAIT_MS = 120_000;
  /** What the outbox relay logs of a batch it could not publish. */
  private static final String RELAY_FAILED = "outbox relay: ";
  /** What the Kafka bridge logs of a pipeline event the realtime service could not push. */
  private static final String PUSH_REFUSED = "-> " + Addresses.REALTIME_PIPELINE_EVENTS + ": record ";

  private final ClusterJvms cluster = new ClusterJvms(2);
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> notices = IntStream.range(0, LANES).mapToObj(i -> "INFRA-" + suffix + "-" + i).toList();
  private final EmbeddedInfrastructure infra = TestInfrastructure.get();
  private String stopped;
  private Pool pool;

  @AfterEach
  void stop() {
    // the infrastructure first: every later test uses it
    try {
      if (stopped != null) {
        infra.start(stopped);
      }
    } finally {
      cluster.kill();
      if (pool != null) {
        pool.close().await();
      }
    }
  }

  @ParameterizedTest(name = "{0} stopped and started again: the moves acknowledged are in PostgreSQL once and on Kafka "
      + "once, and what it was down for was refused or waited")
  @ValueSource(strings = {"kafka", "postgres", "redis"})
  void restartedMidStream(String part, Vertx vertx) throws Exception {
    String admin = "admin-" + suffix + "@infra.example";
    UUID tenant = ClusterSeed.tenantWithNotices(vertx, "infra-" + suffix, admin, "secret",
        notices.stream().map(notice -> ClusterSeed.notice(notice, "Nitrile gloves " + notice)).toList());
    pool = ClusterSeed.pool(vertx);
    MchProcess edge = cluster.start(0, "--services=gateway,identity,realtime", "--set", "gateway.port=0");
    MchProcess service = cluster.start(1, "--services=opportunities");
    int edgePort = edge.ready().get(3, TimeUnit.MINUTES);
    GatewayClient gateway = new GatewayClient(vertx, edgePort);
    service.ready().get(3, TimeUnit.MINUTES);
    String token = gateway.login(admin, "secret").await();
    BoardWatcher watcher = BoardWatcher.connect(vertx, edgePort, tenant, token, notices.get(0));
    PipelineMoves moves = new PipelineMoves(vertx, gateway, token, notices);

    moves.start();
    moves.acknowledgedBeyond(0, BEFORE, BEFORE + " moves before " + part + " stops").await();
    int atStop = moves.acknowledged();
    int refusedAtStop = moves.refusedCount();
    int relayFailures = occurrences(service, RELAY_FAILED);
    int pushesRefused = occurrences(edge, PUSH_REFUSED);
    long stoppedAt = System.nanoTime();
    stopped = part;
    infra.stop(part);
    switch (part) {
      // until the relay has given up on a batch (Kafka's acknowledgement not in time), the moves taken meanwhile waiting
      case "kafka" -> Eventually.untilTrue(vertx, () -> unpublished(tenant).map(n -> n >= WHILE_DOWN
              && moves.acknowledged() >= atStop + WHILE_DOWN && occurrences(service, RELAY_FAILED) > relayFailures), WAIT_MS,
          WHILE_DOWN + " moves taken while Kafka is down, their events waiting in the outbox").await();
      case "postgres" -> readiness(vertx, service, part, "DOWN")
          .compose(v -> Eventually.until(vertx, () -> moves.refusedCount() >= refusedAtStop + LANES, WAIT_MS,
              "moves refused while PostgreSQL is down")).await();
      // until a push was refused (the recovery log is in Redis), so that it waits on Kafka
      default -> readiness(vertx, service, part, "DOWN")
          .compose(v -> moves.acknowledgedBeyond(moves.acknowledged(), WHILE_DOWN, WHILE_DOWN
              + " moves answered while Redis is down"))
          .compose(v -> Eventually.until(vertx, () -> occurrences(edge, PUSH_REFUSED) > pushesRefused, WAIT_MS,
              "a push of a move refused while Redis is down")).await();
    }
    System.out.printf("%s down %.1f s: %d moves acknowledged meanwhile, %d not (%s)%n", part,
        (System.nanoTime() - stoppedAt) / 1e9, moves.acknowledged() - atStop, moves.refusedCount() - refusedAtStop,
        moves.refused());
    long startedAt = System.nanoTime();
    infra.start(part);
    stopped = null;
    int atStart = moves.acknowledged();
    moves.acknowledgedBeyond(atStart, AFTER, AFTER + " moves after " + part + " is back").await();
    System.out.printf("%s back: %d moves acknowledged %.1f s after its start%n", part, AFTER,
        (System.nanoTime() - startedAt) / 1e9);
    moves.stop().await();

    watcher.assertShownOnce(moves.assertEachAcknowledgedOnce(pool, tenant), "a user watching the board");
    if (part.equals("postgres")) {
      assertEquals(Set.of("503"), moves.refused().keySet(), "moves refused while PostgreSQL was down, by status");
    } else {
      assertEquals(Map.of(), moves.refused(), "moves refused while " + part + " was down");
    }
  }

  /** How often a JVM has logged {@code text} so far. */
  private static int occurrences(MchProcess jvm, String text) {
    return jvm.stderr().split(Pattern.quote(text), -1).length - 1;
  }

  private Future<Long> unpublished(UUID tenant) {
    return pool.preparedQuery("SELECT count(*) FROM platform.outbox WHERE published_at IS NULL AND record_key LIKE $1")
        .execute(Tuple.of(tenant + ":%")).map(rows -> rows.iterator().next().getLong(0));
  }

  /** Until the JVM's readiness reports {@code check} (postgres, redis) {@code status}. */
  private Future<Void> readiness(Vertx vertx, MchProcess jvm, String check, String status) {
    WebClient management = WebClient.create(vertx);
    return Eventually.untilTrue(vertx, () -> management.get(jvm.managementPort(), "127.0.0.1", "/health/ready")
            .timeout(10_000).send()
            .map(r -> r.bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
                .anyMatch(c -> check.equals(c.getString("id")) && status.equals(c.getString("status"))))
            .otherwise(false), WAIT_MS, "readiness reports " + check + " " + status)
        .onComplete(done -> management.close());
  }
}
