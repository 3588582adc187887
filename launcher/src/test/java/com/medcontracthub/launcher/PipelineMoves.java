package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.codecs.Topics;
import com.medcontracthub.events.PipelineStageChanged;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.KafkaTestClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;

/**
 * A steady stream of pipeline moves through the public API, one lane per notice, and what it must have left once it
 * stops. Each lane moves its notice to the next stage with the version it last saw, the next move sent when the last
 * is answered; a move not acknowledged (a status other than 200, or no answer) is counted by what came back, and the
 * lane reads the notice's version again before it goes on.
 */
final class PipelineMoves {

  private static final List<String> STAGES = List.of("identified", "qualifying", "bidding", "submitted");
  private static final long WAIT_MS = 120_000;

  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final Vertx vertx;
  private final GatewayClient gateway;
  private final String token;
  private final List<String> notices;
  private final List<Future<Void>> lanes = new ArrayList<>();
  private volatile boolean stopping;

  PipelineMoves(Vertx vertx, GatewayClient gateway, String token, List<String> notices) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.token = token;
    this.notices = notices;
  }

  void start() {
    notices.forEach(notice -> lanes.add(move(notice, 0)));
  }

  Future<Void> stop() {
    stopping = true;
    return Future.join(lanes).mapEmpty();
  }

  int acknowledged() {
    return acknowledged.size();
  }

  int sent() {
    return sent.get();
  }

  /** Moves not acknowledged, by what came back: a status or "no answer". */
  Map<String, AtomicInteger> refused() {
    return refused;
  }

  int refusedCount() {
    return refused.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Waits until {@code more} moves have been acknowledged beyond {@code from}. */
  Future<Void> acknowledgedBeyond(int from, int more, String what) {
    return Eventually.until(vertx, () -> acknowledged.size() >= from + more, WAIT_MS, what);
  }

  /**
   * Once the outbox has relayed the tenant's moves: every move acknowledged is in PostgreSQL once, every move stored is
   * on Kafka under its one event id (and none that was not stored), and each notice's versions run 1…n without a gap,
   * so a move refused left nothing behind. Prints what was sent, acknowledged and found.
   *
   * @return the moves PostgreSQL holds, as {@code <tenant>:<notice>#<version>}
   */
  Set<String> assertEachAcknowledgedOnce(Pool pool, UUID tenant) {
    String keys = tenant + ":%";
    Eventually.untilTrue(vertx, () -> pool.preparedQuery("SELECT count(*) FROM platform.outbox"
            + " WHERE published_at IS NULL AND record_key LIKE $1").execute(Tuple.of(keys))
        .map(rows -> rows.iterator().next().getLong(0) == 0), WAIT_MS, "the outbox relayed every move").await();
    Map<String, String> stored = new TreeMap<>();
    for (Row row : pool.preparedQuery("SELECT aggregate_id, version, event_id FROM platform.event_store"
        + " WHERE aggregate_type = 'pipeline' AND tenant_id = $1").execute(Tuple.of(tenant)).await()) {
      stored.put(row.getString("aggregate_id") + "#" + row.getInteger("version"), row.getUUID("event_id").toString());
    }
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    List<KafkaConsumerRecord<String, SpecificRecord>> records = kafka.eventsSoFar(Topics.PIPELINE_EVENTS,
        r -> r.key() != null && r.key().startsWith(tenant + ":")).eventually(kafka::close).await();
    Map<String, Set<String>> published = new TreeMap<>();
    for (KafkaConsumerRecord<String, SpecificRecord> record : records) {
      PipelineStageChanged event = (PipelineStageChanged) record.value();
      published.computeIfAbsent(record.key() + "#" + event.getVersion(), k -> new HashSet<>())
          .add(event.getEnvelope().getEventId());
    }

    Set<String> acknowledgedMoves = acknowledged.stream().map(move -> tenant + ":" + move)
        .collect(Collectors.toCollection(TreeSet::new));
    System.out.printf("sent %d moves, acknowledged %d; not acknowledged: %s;%n  in PostgreSQL %d (%d of them not "
            + "acknowledged: committed as the answer was lost), Kafka records %d for %d moves (%d sent twice by a relay "
            + "that did not mark them)%n", sent.get(), acknowledgedMoves.size(), refused, stored.size(),
        stored.size() - acknowledgedMoves.size(), records.size(), published.size(), records.size() - published.size());
    Set<String> lost = new HashSet<>(acknowledgedMoves);
    lost.removeAll(stored.keySet());
    assertEquals(Set.of(), lost, "acknowledged moves missing from PostgreSQL");
    assertEquals(stored.keySet(), published.keySet(), "every stored move on Kafka, and none that was not stored");
    stored.forEach((move, eventId) -> assertEquals(Set.of(eventId), published.get(move),
        move + ": one event id on Kafka, the stored one"));
    Map<String, List<Integer>> versions = new HashMap<>();
    stored.keySet().forEach(move -> versions.computeIfAbsent(move.substring(0, move.indexOf('#')),
        k -> new ArrayList<>()).add(Integer.parseInt(move.substring(move.indexOf('#') + 1))));
    versions.forEach((notice, stages) -> assertEquals(IntStream.rangeClosed(1, stages.size()).boxed().toList(),
        stages.stream().sorted().toList(), notice + ": versions without a gap or a repeat"));
    return stored.keySet();
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
