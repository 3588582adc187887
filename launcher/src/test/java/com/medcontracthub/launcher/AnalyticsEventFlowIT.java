package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipeline moves made through the public API reach the analytics service over Kafka (the outbox, the relay, the
 * bridge) and show in {@code GET /api/v1/analytics/summary}; an analytics JVM SIGKILLed and started again on the same
 * store counts each move once; the embedded store serves one analytics JVM in a cluster.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Analytics from the events")
class AnalyticsEventFlowIT {

  private static final long WAIT_MS = 60_000;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String admin = "admin-" + suffix + "@analytics.example";
  private final ClusterJvms cluster = new ClusterJvms(4);

  @TempDir
  Path store;

  @AfterEach
  void stop() {
    cluster.kill();
  }

  @Test
  @DisplayName("pipeline moves show in the tenant's summary within seconds, and once each after the analytics JVM is "
      + "killed and started again; a second analytics JVM on the embedded store is refused")
  void movesInTheSummary(Vertx vertx) throws Exception {
    List<String> notices = List.of("AN1-" + suffix, "AN2-" + suffix, "AN3-" + suffix);
    ClusterSeed.tenantWithNotices(vertx, "analytics-" + suffix, admin, "secret",
        notices.stream().map(n -> ClusterSeed.notice(n, "Exam gloves " + n)).toList());
    String[] analytics = {"--services=analytics", "--set", "analytics.dir=" + store};
    MchProcess edge = cluster.start(0, "--services=gateway,identity,opportunities", "--set", "gateway.port=0");
    MchProcess first = cluster.start(1, analytics);
    GatewayClient gateway = new GatewayClient(vertx, edge.ready().get(3, TimeUnit.MINUTES));
    first.ready().get(3, TimeUnit.MINUTES);
    String token = gateway.login(admin, "secret").await();
    MchProcess second = cluster.start(3, analytics);
    assertEquals(1, second.awaitExit(180), "a second analytics JVM on an embedded store");
    assertTrue(second.stderr().contains("analytics.store: embedded keeps the events in one JVM's file"),
        second.stderr());

    move(gateway, token, notices.get(0), "identified", 0);
    move(gateway, token, notices.get(0), "qualifying", 1);
    move(gateway, token, notices.get(0), "won", 2);
    move(gateway, token, notices.get(1), "identified", 0);
    Eventually.untilTrue(vertx, () -> pipeline(gateway, token).map(new JsonObject()
        .put("stages", stages("identified", 1, "won", 1)).put("moves", 4L).put("won", 1L).put("lost", 0L)
        .put("winRate", 1.0)::equals),
        WAIT_MS, "the first moves in the summary").await();

    first.kill();
    move(gateway, token, notices.get(1), "lost", 1);
    move(gateway, token, notices.get(2), "identified", 0);
    cluster.start(2, analytics).ready().get(3, TimeUnit.MINUTES);
    // moves counts every event kept: one the killed JVM stored and Kafka delivered again would show here
    JsonObject expected = new JsonObject().put("stages", stages("identified", 1, "lost", 1, "won", 1))
        .put("moves", 6L).put("won", 1L).put("lost", 1L).put("winRate", 0.5);
    Eventually.untilTrue(vertx, () -> pipeline(gateway, token).map(expected::equals), WAIT_MS,
        "the moves made while no analytics JVM ran, in the summary of the one started again").await();
    assertEquals(expected, pipeline(gateway, token).await());

    // refilled from PostgreSQL (every notice and move published again), the store agrees with it
    MchProcess backfill = MchProcess.start(TestInfrastructure.environment(), "backfill", "analytics", "--follow");
    assertEquals(0, backfill.awaitExit(180), backfill.stdout() + backfill.stderr());
    assertTrue(backfill.stdout().strip().endsWith("caught up: mch-analytics has handled every record"),
        backfill.stdout());
    MchProcess agreed = reconcile();
    assertEquals(0, agreed.awaitExit(180), agreed.stdout() + agreed.stderr());
    assertTrue(agreed.stdout().lines().anyMatch(line -> line.matches("analytics\\s+opportunity\\s+(\\d+)\\s+\\1\\s+0")),
        agreed.stdout());
    assertTrue(agreed.stdout().lines().anyMatch(line -> line.matches("analytics\\s+pipeline-move\\s+(\\d+)\\s+\\1\\s+0")),
        agreed.stdout());
    assertTrue(agreed.stdout().contains("documents.daily-counts       not running"), "no documents service runs here: "
        + agreed.stdout());

    // a notice PostgreSQL holds and no event told of: one day, one notice off, and the command fails
    LocalDate injected = LocalDate.of(1990, 1, 1).plusDays(Math.floorMod(suffix.hashCode(), 3_650));
    ClusterSeed.noticeWithoutEvent(vertx, "DRIFT-" + suffix, injected);
    MchProcess drifted = reconcile();
    assertEquals(1, drifted.awaitExit(180), drifted.stdout() + drifted.stderr());
    assertEquals(List.of("analytics opportunity " + injected + " 1 0"), drifted.stdout().lines()
        .map(line -> line.strip().replaceAll("\\s+", " ")).filter(line -> line.contains(injected.toString())).toList(),
        drifted.stdout());
    assertTrue(drifted.stderr().contains("drift 1 is above the threshold 0"), drifted.stderr());
    MchProcess tolerated = reconcile("--threshold", "1");
    assertEquals(0, tolerated.awaitExit(180), tolerated.stdout() + tolerated.stderr());
  }

  private static MchProcess reconcile(String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("reconcile"));
    args.addAll(List.of(options));
    return MchProcess.start(TestInfrastructure.environment(), args.toArray(String[]::new));
  }

  private static void move(GatewayClient gateway, String token, String notice, String stage, int version) {
    assertEquals(200, gateway.request(HttpMethod.PUT, "/api/v1/pipeline/" + notice).bearerTokenAuthentication(token)
        .timeout(20_000).sendJsonObject(new JsonObject().put("stage", stage).put("expectedVersion", version)).await()
        .statusCode(), "move of " + notice + " to " + stage);
  }

  private static Future<JsonObject> pipeline(GatewayClient gateway, String token) {
    return gateway.get("/api/v1/analytics/summary").bearerTokenAuthentication(token).timeout(20_000).send()
        .map(answer -> answer.statusCode() == 200 ? answer.bodyAsJsonObject().getJsonObject("pipeline")
            : new JsonObject().put("status", answer.statusCode()));
  }

  private static JsonArray stages(Object... stageAndCount) {
    JsonArray stages = new JsonArray();
    for (int i = 0; i < stageAndCount.length; i += 2) {
      stages.add(new JsonObject().put("stage", stageAndCount[i]).put("opportunities", ((Integer) stageAndCount[i + 1])
          .longValue()));
    }
    return stages;
  }
}
