package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.OpportunityChanges;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.KafkaTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A JVM SIGKILLed (or frozen with SIGSTOP) under a steady stream of pipeline moves through the public API, on a
 * cluster of JVMs against the test infrastructure: the edge (gateway, identity) and the opportunities service (with the
 * outbox relay) apart, one of them struck and a new one started in its place. Every move acknowledged to a client is then in PostgreSQL once and on
 * Kafka once (by event id), every move PostgreSQL holds reached Kafka, and each notice's versions run without a gap: a
 * move refused (a stale version, the service or the gateway gone) left nothing behind.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Chaos: a JVM killed mid-stream")
class KillMidStreamIT {

  private static final int LANES = 8;
  /** Moves acknowledged before the kill, and again after the new JVM is ready. */
  private static final int BEFORE = 40;
  private static final int AFTER = 40;
  private static final long WAIT_MS = 120_000;

  private final ClusterJvms cluster = new ClusterJvms(3);
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> notices = IntStream.range(0, LANES).mapToObj(i -> "CHAOS-" + suffix + "-" + i).toList();

  private Pool pool;

  @AfterEach
  void stop() {
    cluster.kill();
    if (pool != null) {
      pool.close().await();
    }
  }

  @ParameterizedTest(name = "{1} of the {0} JVM: every move acknowledged is in PostgreSQL once and on Kafka under "
      + "its one event id, and nothing refused was kept")
  @CsvSource({"opportunities, SIGKILL", "gateway, SIGKILL", "opportunities, SIGSTOP"})
  void killedMidStream(String victim, String signal, Vertx vertx) throws Exception {
    MchConfig config = ClusterSeed.config(vertx);
    pool = PgPools.create(vertx, config);
    String admin = "admin-" + suffix + "@chaos.example";
    UUID tenant = ClusterSeed.tenantWithNotices(vertx, "chaos-" + suffix, admin, "secret",
        notices.stream().map(notice -> ClusterSeed.notice(notice, "Nitrile gloves " + notice)).toList());

    // a fixed port: the gateway started in a killed one's place is where the clients went
    String[] edgeServices = {"--services=gateway,identity", "--set", "gateway.port=" + Ports.free("127.0.0.1")};
    String[] opportunities = {"--services=opportunities"};
    MchProcess edge = cluster.start(0, edgeServices);
    MchProcess service = cluster.start(1, opportunities);
    GatewayClient gateway = new GatewayClient(vertx, edge.ready().get(3, TimeUnit.MINUTES));
    service.ready().get(3, TimeUnit.MINUTES);
    PipelineMoves moves = new PipelineMoves(vertx, gateway, gateway.login(admin, "secret").await(), notices);

    moves.start();
    moves.acknowledgedBeyond(0, BEFORE, BEFORE + " moves before the kill").await();
    MchProcess struck = victim.equals("gateway") ? edge : service;
    long struckAt = System.nanoTime();
    if (signal.equals("SIGSTOP")) {
      // frozen, it stays a member until the others miss its heartbeats, and holds what it held (connections, locks)
      struck.freeze();
    } else {
      struck.kill();
    }
    int atKill = moves.acknowledged();
    System.out.printf("%s of the %s JVM after %d moves sent, %d acknowledged%n", signal, victim, moves.sent(), atKill);
    cluster.start(2, victim.equals("gateway") ? edgeServices : opportunities).ready().get(3, TimeUnit.MINUTES);
    moves.acknowledgedBeyond(atKill, 1, "a move answered after the " + signal).await();
    System.out.printf("%s of the %s JVM: moves acknowledged again %.1f s after it%n", signal, victim,
        (System.nanoTime() - struckAt) / 1e9);
    moves.acknowledgedBeyond(atKill, AFTER, AFTER + " moves after").await();
    moves.stop().await();

    moves.assertEachAcknowledgedOnce(pool, tenant);
    assertTrue(moves.refusedCount() > 0,
        "some moves were refused or went unanswered while the service was down: " + moves.refused());
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @DisplayName("the JVM whose relay has sent an event to Kafka and not yet marked it SIGKILLed: the next relay "
      + "sends it again under its event id, and the one notification it makes is made once")
  void relayKilledBetweenSendAndMark(Vertx vertx) throws Exception {
    MchConfig config = ClusterSeed.config(vertx);
    pool = PgPools.create(vertx, config);
    String admin = "admin-" + suffix + "@chaos.example";
    String notice = notices.get(0);
    ClusterSeed.tenantWithNotices(vertx, "chaos-" + suffix, admin, "secret",
        List.of(ClusterSeed.notice(notice, "Nitrile gloves")));
    MchProcess edge = cluster.start(0, "--services=gateway,identity", "--set", "gateway.port=0");
    MchProcess service = cluster.start(1, "--services=opportunities");
    GatewayClient gateway = new GatewayClient(vertx, edge.ready().get(3, TimeUnit.MINUTES));
    service.ready().get(3, TimeUnit.MINUTES);
    String token = gateway.login(admin, "secret").await();
    // the tenant bids on the notice: a change to it is the tenant's news
    assertEquals(200, gateway.request(HttpMethod.PUT, "/api/v1/pipeline/" + notice).bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("stage", "identified").put("expectedVersion", 0)).await().statusCode());

    // the hook: while the test holds an advisory lock (on a connection of its own, whose end releases it), a trigger
    // holds the relay's mark of this notice's next event
    String hook = "hold_mark_" + suffix;
    PgConnection holder = PgConnection.connect(vertx, PgConnectOptions.fromUri(config.postgres().uri())).await();
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    try {
      holder.query("SELECT pg_advisory_lock(hashtext('" + hook + "'))").execute().await();
      long last = pool.query("SELECT coalesce(max(id), 0) FROM platform.outbox").execute().await().iterator().next()
          .getLong(0);
      pool.query(holdMark(hook, notice, last)).execute().await();
      vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(() -> new ByteArrayInputStream(
          ClusterSeed.notice(notice, "Nitrile gloves, amended").encode().getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { })).await();
      KafkaConsumerRecord<String, SpecificRecord> sent = kafka.awaitEvents(Topics.OPPORTUNITY_EVENTS, 1,
          r -> updateOf(r, notice)).timeout(WAIT_MS, TimeUnit.MILLISECONDS).await().get(0);
      Eventually.untilTrue(vertx, () -> pool.query("SELECT count(*) FROM pg_stat_activity WHERE datname = "
              + "current_database() AND wait_event = 'advisory' AND query LIKE 'UPDATE platform.outbox%'").execute()
              .map(rows -> rows.iterator().next().getLong(0) > 0),
          WAIT_MS, "the relay waits to mark the event it sent").await();
      System.out.printf("the relay sent %s (offset %d) and waits to mark it: SIGKILL%n",
          ((OpportunityChanged) sent.value()).getEnvelope().getEventId(), sent.offset());
      service.kill();
    } finally {
      // the lock first: the dead relay's transaction ends (its client is gone) once its mark goes on, then the trigger
      holder.close().eventually(() -> pool.query(dropHoldMark(hook)).execute()).await();
    }
    cluster.start(2, "--services=opportunities").ready().get(3, TimeUnit.MINUTES);

    List<KafkaConsumerRecord<String, SpecificRecord>> twice = kafka.awaitEvents(Topics.OPPORTUNITY_EVENTS, 2,
        r -> updateOf(r, notice)).timeout(WAIT_MS, TimeUnit.MILLISECONDS).await();
    String group = config.bridge().inbound().stream()
        .filter(m -> m.address().equals(Addresses.NOTIFICATIONS_OPPORTUNITY_CHANGED)).findFirst().orElseThrow().group();
    kafka.awaitCommitted(group, twice.get(1)).timeout(WAIT_MS, TimeUnit.MILLISECONDS).eventually(kafka::close).await();
    List<String> eventIds = twice.stream().map(r -> ((OpportunityChanged) r.value()).getEnvelope().getEventId())
        .toList();
    JsonArray notifications = gateway.get("/api/v1/notifications").bearerTokenAuthentication(token).send().await()
        .bodyAsJsonObject().getJsonArray("items");
    long told = notifications.stream().map(JsonObject.class::cast)
        .filter(n -> notice.equals(n.getString("noticeId")) && "opportunity.updated".equals(n.getString("kind")))
        .count();
    System.out.printf("on Kafka: %s at offsets %d and %d; the tenant's notifications of the change: %d%n", eventIds,
        twice.get(0).offset(), twice.get(1).offset(), told);
    assertEquals(eventIds.get(0), eventIds.get(1), "sent again under its own event id");
    assertEquals(1, told, "the consumer made its notification once");
  }

  private static boolean updateOf(KafkaConsumerRecord<String, SpecificRecord> record, String notice) {
    return notice.equals(record.key()) && record.value() instanceof OpportunityChanged changed
        && OpportunityChanges.UPDATED.equals(changed.getChange());
  }

  /**
   * A trigger that makes the mark of {@code notice}'s outbox rows written after row {@code after} wait for the advisory
   * lock the test holds.
   */
  private static String holdMark(String hook, String notice, long after) {
    return """
        CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          IF NEW.record_key = '%2$s' AND NEW.id > %3$d THEN
            PERFORM pg_advisory_lock(hashtext('%1$s'));
            PERFORM pg_advisory_unlock(hashtext('%1$s'));
          END IF;
          RETURN NEW;
        END $f$;
        CREATE TRIGGER %1$s BEFORE UPDATE OF published_at ON platform.outbox FOR EACH ROW EXECUTE FUNCTION %1$s();
        """.formatted(hook, notice, after);
  }

  private static String dropHoldMark(String hook) {
    return "DROP TRIGGER %1$s ON platform.outbox; DROP FUNCTION %1$s();".formatted(hook);
  }
}
