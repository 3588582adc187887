package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.events.PipelineStageChanged;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.KafkaTestClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM SIGKILLed under a steady stream of pipeline moves through the public API, on a cluster of JVMs against the test
 * infrastructure: the edge (gateway, identity) and the opportunities service (with the outbox relay) apart, one of them
 * killed and a new one started in its place. Every move acknowledged to a client is then in PostgreSQL once and on
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
  private static final List<String> STAGES = List.of("identified", "qualifying", "bidding", "submitted");
  private static final long WAIT_MS = 120_000;

  private final List<MchProcess> jvms = new ArrayList<>();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> notices = IntStream.range(0, LANES).mapToObj(i -> "CHAOS-" + suffix + "-" + i).toList();

  @AfterEach
  void stop() {
    jvms.forEach(MchProcess::kill);
  }

  @ParameterizedTest(name = "SIGKILL of the {0} JVM: every move acknowledged is in PostgreSQL and on Kafka exactly once, "
      + "and nothing refused was kept")
  @ValueSource(strings = {"opportunities", "gateway"})
  void killedMidStream(String victim, Vertx vertx) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    Pool pool = PgPools.create(vertx, config);
    String admin = "admin-" + suffix + "@chaos.example";
    UUID tenant = seed(vertx, pool, admin);

    int[] ports = {Ports.free("127.0.0.1"), Ports.free("127.0.0.1"), Ports.free("127.0.0.1")};
    String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    // a fixed port: the gateway started in a killed one's place is where the clients went
    String[] edgeServices = {"--services=gateway,identity", "--set", "gateway.port=" + Ports.free("127.0.0.1")};
    String[] opportunities = {"--services=opportunities"};
    MchProcess edge = node(ports[0], members, edgeServices);
    MchProcess service = node(ports[1], members, opportunities);
    GatewayClient gateway = new GatewayClient(vertx, edge.ready().get(3, TimeUnit.MINUTES));
    service.ready().get(3, TimeUnit.MINUTES);
    Moves moves = new Moves(vertx, gateway, gateway.login(admin, "secret").await());

    moves.start();
    Eventually.until(vertx, () -> moves.acknowledged.size() >= BEFORE, WAIT_MS, BEFORE + " moves before the kill")
        .await();
    (victim.equals("gateway") ? edge : service).kill();
    int atKill = moves.acknowledged.size();
    int sentAtKill = moves.sent.get();
    node(ports[2], members, victim.equals("gateway") ? edgeServices : opportunities).ready().get(3, TimeUnit.MINUTES);
    Eventually.until(vertx, () -> moves.acknowledged.size() >= atKill + AFTER, WAIT_MS, AFTER + " moves after")
        .await();
    moves.stop().await();

    String keys = tenant + ":%";
    Eventually.untilTrue(vertx, () -> pool.preparedQuery("SELECT count(*) FROM platform.outbox WHERE published_at IS NULL"
        + " AND record_key LIKE $1").execute(Tuple.of(keys)).map(rows -> rows.iterator().next().getLong(0) == 0),
        WAIT_MS, "the outbox relayed every move").await();
    Map<String, String> stored = new TreeMap<>();
    for (Row row : pool.preparedQuery("SELECT aggregate_id, version, event_id FROM platform.event_store"
        + " WHERE aggregate_type = 'pipeline' AND tenant_id = $1").execute(Tuple.of(tenant)).await()) {
      stored.put(row.getString("aggregate_id") + "#" + row.getInteger("version"), row.getUUID("event_id").toString());
    }
    pool.close();
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    List<KafkaConsumerRecord<String, SpecificRecord>> records = kafka.eventsSoFar(Topics.PIPELINE_EVENTS,
        r -> r.key() != null && r.key().startsWith(tenant + ":")).eventually(kafka::close).await();
    Map<String, Set<String>> published = new TreeMap<>();
    for (KafkaConsumerRecord<String, SpecificRecord> record : records) {
      PipelineStageChanged event = (PipelineStageChanged) record.value();
      published.computeIfAbsent(record.key() + "#" + event.getVersion(), k -> new HashSet<>())
          .add(event.getEnvelope().getEventId());
    }

    Set<String> acknowledged = moves.acknowledged.stream().map(move -> tenant + ":" + move)
        .collect(Collectors.toCollection(TreeSet::new));
    System.out.printf("sent %d moves (%d before the kill); acknowledged %d (%d before the kill); not acknowledged: %s;"
        + "%n  in PostgreSQL %d (%d of them not acknowledged: committed as the answer was lost), Kafka records %d for "
        + "%d moves (%d sent twice by a relay that died before its mark)%n", moves.sent.get(), sentAtKill,
        acknowledged.size(), atKill, moves.refused, stored.size(), stored.size() - acknowledged.size(), records.size(),
        published.size(), records.size() - published.size());
    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(stored.keySet());
    assertEquals(Set.of(), lost, "acknowledged moves missing from PostgreSQL");
    assertEquals(stored.keySet(), published.keySet(), "every stored move on Kafka, and none that was not stored");
    stored.forEach((move, eventId) -> assertEquals(Set.of(eventId), published.get(move),
        move + ": one event id on Kafka, the stored one"));
    Map<String, List<Integer>> versions = new HashMap<>();
    stored.keySet().forEach(move -> versions.computeIfAbsent(move.substring(0, move.indexOf('#')), k -> new ArrayList<>())
        .add(Integer.parseInt(move.substring(move.indexOf('#') + 1))));
    versions.forEach((notice, stages) -> assertEquals(IntStream.rangeClosed(1, stages.size()).boxed().toList(),
        stages.stream().sorted().toList(), notice + ": versions without a gap or a repeat"));
    assertTrue(moves.refused.values().stream().mapToInt(AtomicInteger::get).sum() > 0,
        "some moves were refused or went unanswered while the service was down: " + moves.refused);
  }

  private MchProcess node(int clusterPort, String members, String... args) throws Exception {
    MchProcess mch = MchProcess.clusterNode(clusterPort, members, args);
    jvms.add(mch);
    return mch;
  }

  /** A tenant with its admin, and the notices the lanes move, written straight to the shared PostgreSQL. */
  private UUID seed(Vertx vertx, Pool pool, String admin) {
    UUID tenant = new Accounts(vertx, new IdentityStore(pool)).createTenant("chaos-" + suffix, admin, "secret", "test")
        .await();
    String records = notices.stream().map(notice -> new JsonObject().put("noticeId", notice)
        .put("title", "Nitrile gloves " + notice).put("postedDate", "2024-05-01").encode())
        .collect(Collectors.joining("\n"));
    vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(
        () -> new ByteArrayInputStream(records.getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { })).await();
    return tenant;
  }

  /**
   * One lane per notice, each moving it to the next stage with the version it last saw, the next move sent when the
   * last is answered; a move not acknowledged (a status other than 200, or no answer) is counted by what came back,
   * and the lane reads the notice's version again before it goes on.
   */
  private final class Moves {

    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    final AtomicInteger sent = new AtomicInteger();
    private final Vertx vertx;
    private final GatewayClient gateway;
    private final String token;
    private final List<Future<Void>> lanes = new ArrayList<>();
    private volatile boolean stopping;

    Moves(Vertx vertx, GatewayClient gateway, String token) {
      this.vertx = vertx;
      this.gateway = gateway;
      this.token = token;
    }

    void start() {
      notices.forEach(notice -> lanes.add(move(notice, 0)));
    }

    Future<Void> stop() {
      stopping = true;
      return Future.join(lanes).mapEmpty();
    }

    private Future<Void> move(String notice, int version) {
      if (stopping) {
        return Future.succeededFuture();
      }
      sent.incrementAndGet();
      return gateway.request(HttpMethod.PUT, "/api/v1/pipeline/" + notice).bearerTokenAuthentication(token)
          .timeout(20_000).sendJsonObject(new JsonObject().put("stage", STAGES.get(version % STAGES.size()))
              .put("expectedVersion", version))
          .transform(answer -> {
            if (answer.succeeded() && answer.result().statusCode() == 200) {
              int now = answer.result().bodyAsJsonObject().getInteger("version");
              acknowledged.add(notice + "#" + now);
              return move(notice, now);
            }
            refused.computeIfAbsent(answer.succeeded() ? String.valueOf(answer.result().statusCode()) : "no answer",
                k -> new AtomicInteger()).incrementAndGet();
            return versionOf(notice).compose(now -> move(notice, now));
          });
    }

    /** The notice's version as the service has it, asked again until it answers (it may be down). */
    private Future<Integer> versionOf(String notice) {
      if (stopping) {
        return Future.succeededFuture(0);
      }
      return gateway.get("/api/v1/pipeline/" + notice).bearerTokenAuthentication(token).timeout(20_000).send()
          .transform(answer -> answer.succeeded() && answer.result().statusCode() == 200
              ? Future.succeededFuture(answer.result().bodyAsJsonObject().getInteger("version"))
              : vertx.timer(200).compose(t -> versionOf(notice)));
    }
  }
}
