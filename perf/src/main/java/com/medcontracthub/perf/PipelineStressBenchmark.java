package com.medcontracthub.perf;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.codecs.avro.EventDeserializer;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.events.PipelineStageChanged;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The product plan's Kafka pipeline stress test: a sustained mixed load (pipeline moves, each a write through the
 * outbox to Kafka, and searches) through the public API of a one-machine cluster of four JVMs over the embedded
 * Kafka, PostgreSQL and Redis (in this JVM): two edges (gateway, identity) on their own ports, the lanes failing over
 * from one to the other, and two opportunities JVMs (the outbox relay in whichever holds its lock). Once a minute one
 * JVM, chosen at random, is SIGKILLed and a new one started in its place.
 *
 * <p>Usage: {@code PipelineStressBenchmark [minutes] [lanes]} (10 and 8). Prints a line a minute (moves and searches
 * answered, errors, the longest time no move was acknowledged, the JVM killed and how long its successor took to be
 * ready), then throughput, the lag from a
 * move's acknowledgement to its event on Kafka (p50, p99, max), errors by kind, and the loss and duplicate count: moves
 * acknowledged but not in PostgreSQL or not on Kafka, and moves on Kafka under more than one event id or not stored.
 */
public final class PipelineStressBenchmark {

  private static final List<String> STAGES = List.of("identified", "qualifying", "bidding", "submitted");
  private static final String[] EDGE = {"--services=gateway,identity"};
  private static final String[] OPPORTUNITIES = {"--services=opportunities"};

  private final Vertx vertx = Vertx.vertx();
  private final Random random = new Random();
  private final int[] clusterPorts = IntStream.range(0, 4).map(i -> Ports.free("127.0.0.1")).toArray();
  private final int[] gatewayPorts = {Ports.free("127.0.0.1"), Ports.free("127.0.0.1")};
  private final Process[] jvms = new Process[4];
  private final Path logs;
  private final Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> firstOnKafka = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> eventIdsOnKafka = new ConcurrentHashMap<>();
  private final AtomicLong kafkaRecords = new AtomicLong();
  private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
  private final AtomicLong searches = new AtomicLong();
  private List<GatewayClient> edges;
  private String token;
  private volatile boolean stopping;

  /** A lane of the load: its notice (none for searches), and its end once the load stops. */
  private record Lane(UUID tenant, String notice, Promise<Void> done) {
  }

  private PipelineStressBenchmark() throws Exception {
    logs = Files.createTempDirectory("pipeline-stress");
  }

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int lanes = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    PipelineStressBenchmark bench = new PipelineStressBenchmark();
    // interrupted (Ctrl-C) or failed, the cluster's JVMs go with it
    Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll, "pipeline-stress-stop"));
    int status = 0;
    try {
      bench.run(minutes, lanes);
    } catch (Throwable e) {
      e.printStackTrace();
      status = 1;
    } finally {
      bench.stopAll();
    }
    System.exit(status);
  }

  private void run(int minutes, int lanes) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    Pool pool = PgPools.create(vertx, ConfigLoader.load(vertx, "cluster", Optional.empty(),
        TestInfrastructure.environment(), Map.of()).await());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String admin = "stress-" + suffix + "@bench.example";
    List<String> notices = IntStream.range(0, lanes).mapToObj(i -> "STRESS-" + suffix + "-" + i).toList();
    UUID tenant = seed(pool, admin, notices);
    for (int slot = 0; slot < jvms.length; slot++) {
      start(slot);
    }
    edges = List.of(new GatewayClient(vertx, gatewayPorts[0]), new GatewayClient(vertx, gatewayPorts[1]));
    token = edges.get(0).login(admin, "bench-password").await();
    KafkaConsumer<String, SpecificRecord> kafka = watchKafka(tenant);
    System.out.printf("pipeline stress: %d minutes, %d lanes of moves and one of searches, 4 JVMs (2 edges, 2 "
        + "opportunities), one SIGKILLed a minute; JVM logs in %s%n", minutes, lanes, logs);

    long start = System.nanoTime();
    List<Future<Void>> load = new ArrayList<>();
    for (int i = 0; i < lanes; i++) {
      Lane lane = new Lane(tenant, notices.get(i), Promise.promise());
      load.add(lane.done().future());
      move(lane, i % 2, 0);
    }
    Lane searching = new Lane(tenant, null, Promise.promise());
    load.add(searching.done().future());
    search(searching, 0);
    for (int minute = 1; minute <= minutes; minute++) {
      int acknowledged = acknowledgedAt.size();
      long searched = searches.get();
      int failed = errorCount();
      long minuteStart = System.nanoTime();
      TimeUnit.SECONDS.sleep(60);
      String killed = "";
      if (minute < minutes) {
        int slot = random.nextInt(jvms.length);
        jvms[slot].destroyForcibly().waitFor();
        long killedAt = System.nanoTime();
        int atKill = acknowledgedAt.size();
        start(slot);
        long readyAt = System.nanoTime();
        long deadline = killedAt + TimeUnit.MINUTES.toNanos(3);
        while (acknowledgedAt.size() == atKill && System.nanoTime() < deadline) {
          TimeUnit.MILLISECONDS.sleep(50);
        }
        killed = acknowledgedAt.size() == atKill ? "; SIGKILL of " + name(slot) + ", no move answered in 3 minutes"
            : String.format("; SIGKILL of %s, its successor ready %.1f s after it", name(slot),
                (readyAt - killedAt) / 1e9);
      }
      System.out.printf("minute %d: %d moves acknowledged, %d searches answered, %d errors, longest pause between "
          + "acknowledgements %.1f s%s%n", minute, acknowledgedAt.size() - acknowledged, searches.get() - searched,
          errorCount() - failed, longestPause(minuteStart) / 1e9, killed);
    }
    stopping = true;
    // a lane ends at its next step; one waits at most its request's 20 s timeout (and a version read's retries)
    Future.join(load).timeout(2, TimeUnit.MINUTES).await();
    double seconds = (System.nanoTime() - start) / 1e9;
    waitForOutbox(pool, tenant);
    report(pool, tenant, seconds, kafka);
  }

  /** The longest time since {@code from} in which no move was acknowledged, in ns. */
  private long longestPause(long from) {
    long[] times = LongStream.concat(LongStream.of(from, System.nanoTime()),
        acknowledgedAt.values().stream().mapToLong(Long::longValue).filter(at -> at >= from)).sorted().toArray();
    return IntStream.range(1, times.length).mapToLong(i -> times[i] - times[i - 1]).max().orElse(0);
  }

  private static String name(int slot) {
    return (slot < 2 ? "edge " : "opportunities ") + (slot % 2 + 1);
  }

  /** {@code mch up --cluster} in slot's place: its Hazelcast port, and for an edge its gateway port. */
  private void start(int slot) throws Exception {
    List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx512m", "-jar",
        Path.of(System.getProperty("mch.jar", "launcher/target/mch.jar")).toAbsolutePath().toString(), "up",
        "--cluster"));
    command.addAll(List.of(slot < 2 ? EDGE : OPPORTUNITIES));
    if (slot < 2) {
      command.addAll(List.of("--set", "gateway.port=" + gatewayPorts[slot]));
    }
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put("MCH_CLUSTER_PORT", String.valueOf(clusterPorts[slot]));
    env.put("MCH_CLUSTER_MEMBERS", IntStream.of(clusterPorts).mapToObj(port -> "127.0.0.1:" + port)
        .collect(Collectors.joining(",")));
    jvms[slot] = Processes.startAndWait(command, env, slot < 2 ? "MedContractHub ready" : "MedContractHub node ready",
        logs.resolve(name(slot).replace(' ', '-') + "-" + System.nanoTime() + ".log"));
  }

  private void stopAll() {
    for (Process jvm : jvms) {
      if (jvm != null) {
        jvm.destroyForcibly();
      }
    }
  }

  private UUID seed(Pool pool, String admin, List<String> notices) {
    UUID tenant = new Accounts(vertx, new IdentityStore(pool)).createTenant("stress-" + admin, admin, "bench-password",
        "bench").await();
    byte[] records = notices.stream().map(notice -> new JsonObject().put("noticeId", notice)
            .put("title", "Nitrile gloves " + notice).put("postedDate", "2024-05-01").encode())
        .collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
    vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(() -> new ByteArrayInputStream(records),
        "bench", (r, b) -> { })).await();
    return tenant;
  }

  /** Every pipeline event of the tenant from now on: when each move first reached Kafka, and under which event ids. */
  private KafkaConsumer<String, SpecificRecord> watchKafka(UUID tenant) {
    KafkaConsumer<String, SpecificRecord> consumer = KafkaConsumer.create(vertx, Map.of(
        "bootstrap.servers", TestInfrastructure.get().settings().get(ConfigKeys.KAFKA_BOOTSTRAP),
        "group.id", "pipeline-stress-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest",
        "key.deserializer", StringDeserializer.class.getName(),
        "value.deserializer", EventDeserializer.class.getName()));
    consumer.handler(record -> {
      if (record.key() != null && record.key().startsWith(tenant + ":")
          && record.value() instanceof PipelineStageChanged event) {
        String move = record.key() + "#" + event.getVersion();
        kafkaRecords.incrementAndGet();
        firstOnKafka.putIfAbsent(move, System.nanoTime());
        eventIdsOnKafka.computeIfAbsent(move, k -> ConcurrentHashMap.newKeySet()).add(event.getEnvelope().getEventId());
      }
    });
    consumer.subscribe(Topics.PIPELINE_EVENTS).await();
    return consumer;
  }

  /**
   * One lane: the notice to its next stage with the version last seen; refused or unanswered, its version read again
   * over the other edge. Each step starts the next from its callback rather than composing futures: a lane runs tens
   * of thousands of steps, and a chain that long overflows the stack when it completes.
   */
  private void move(Lane lane, int edge, int version) {
    if (stopping) {
      lane.done().complete();
      return;
    }
    edges.get(edge).request(HttpMethod.PUT, "/api/v1/pipeline/" + lane.notice()).bearerTokenAuthentication(token)
        .timeout(20_000).sendJsonObject(new JsonObject().put("stage", STAGES.get(version % STAGES.size()))
            .put("expectedVersion", version))
        .onComplete(answer -> {
          Integer now = answer.succeeded() && answer.result().statusCode() == 200 ? versionIn(answer.result()) : null;
          if (now != null) {
            acknowledgedAt.put(lane.tenant() + ":" + lane.notice() + "#" + now, System.nanoTime());
            move(lane, edge, now);
            return;
          }
          error("move", answer.failed() ? "no answer" : answer.result().statusCode() == 200 ? "unreadable answer"
              : String.valueOf(answer.result().statusCode()));
          versionOf(lane, 1 - edge);
        });
  }

  /** The notice's version as the service has it, asked (alternating edges) until answered, then the next move. */
  private void versionOf(Lane lane, int edge) {
    if (stopping) {
      lane.done().complete();
      return;
    }
    edges.get(edge).get("/api/v1/pipeline/" + lane.notice()).bearerTokenAuthentication(token).timeout(20_000).send()
        .onComplete(answer -> {
          Integer now = answer.succeeded() && answer.result().statusCode() == 200 ? versionIn(answer.result()) : null;
          if (now != null) {
            move(lane, edge, now);
          } else {
            vertx.setTimer(200, t -> versionOf(lane, 1 - edge));
          }
        });
  }

  /** The pipeline entry's version in an answer; null when the answer is not an entry. */
  private static Integer versionIn(HttpResponse<Buffer> answer) {
    try {
      return answer.bodyAsJsonObject().getInteger("version");
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void search(Lane lane, int edge) {
    if (stopping) {
      lane.done().complete();
      return;
    }
    edges.get(edge).get("/api/v1/opportunities?q=gloves").bearerTokenAuthentication(token).timeout(20_000).send()
        .onComplete(answer -> {
          if (answer.succeeded() && answer.result().statusCode() == 200) {
            searches.incrementAndGet();
            search(lane, edge);
          } else {
            error("search", answer.succeeded() ? String.valueOf(answer.result().statusCode()) : "no answer");
            vertx.setTimer(200, t -> search(lane, 1 - edge));
          }
        });
  }

  private void error(String call, String kind) {
    errors.computeIfAbsent(call + " " + kind, k -> new AtomicInteger()).incrementAndGet();
  }

  private int errorCount() {
    return errors.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void waitForOutbox(Pool pool, UUID tenant) throws InterruptedException {
    for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3); System.nanoTime() < deadline; ) {
      long left = pool.preparedQuery("SELECT count(*) FROM platform.outbox WHERE published_at IS NULL AND record_key"
          + " LIKE $1").execute(Tuple.of(tenant + ":%")).await().iterator().next().getLong(0);
      if (left == 0) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    System.out.println("the outbox still holds unpublished moves after 3 minutes");
  }

  private void report(Pool pool, UUID tenant, double seconds, KafkaConsumer<String, SpecificRecord> kafka)
      throws InterruptedException {
    Map<String, String> stored = new TreeMap<>();
    for (Row row : pool.preparedQuery("SELECT aggregate_id, version, event_id FROM platform.event_store"
        + " WHERE aggregate_type = 'pipeline' AND tenant_id = $1").execute(Tuple.of(tenant)).await()) {
      stored.put(row.getString("aggregate_id") + "#" + row.getInteger("version"), row.getUUID("event_id").toString());
    }
    for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        !firstOnKafka.keySet().containsAll(stored.keySet()) && System.nanoTime() < deadline; ) {
      TimeUnit.MILLISECONDS.sleep(200);
    }
    kafka.close().await();
    Set<String> notStored = new HashSet<>(acknowledgedAt.keySet());
    notStored.removeAll(stored.keySet());
    Set<String> notOnKafka = new HashSet<>(stored.keySet());
    notOnKafka.removeAll(firstOnKafka.keySet());
    Set<String> underTwoIds = eventIdsOnKafka.entrySet().stream().filter(e -> e.getValue().size() > 1)
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    Set<String> wrongId = stored.entrySet().stream().filter(e -> eventIdsOnKafka.containsKey(e.getKey())
        && !eventIdsOnKafka.get(e.getKey()).contains(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toSet());
    Set<String> onKafkaNotStored = new HashSet<>(firstOnKafka.keySet());
    onKafkaNotStored.removeAll(stored.keySet());
    Set<String> duplicated = new HashSet<>(underTwoIds);
    duplicated.addAll(wrongId);
    duplicated.addAll(onKafkaNotStored);
    Histogram lag = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    acknowledgedAt.forEach((move, ackAt) -> {
      Long seen = firstOnKafka.get(move);
      if (seen != null) {
        lag.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(seen - ackAt)));
      }
    });
    System.out.printf("%nthroughput: %.1f moves/s acknowledged (%d in %.0f s), %.1f searches/s%n",
        acknowledgedAt.size() / seconds, acknowledgedAt.size(), seconds, searches.get() / seconds);
    System.out.printf("lag from acknowledgement to Kafka: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        lag.getValueAtPercentile(50) / 1e3, lag.getValueAtPercentile(99) / 1e3, lag.getMaxValue() / 1e3);
    System.out.printf("errors by kind: %s%n", new TreeMap<>(errors));
    System.out.printf("PostgreSQL holds %d moves (%d not acknowledged: committed as the answer was lost); Kafka %d "
        + "records for %d moves (%d records more than moves: a move sent again, which consumers drop by event id)%n",
        stored.size(),
        stored.size() - (acknowledgedAt.size() - notStored.size()), kafkaRecords.get(), firstOnKafka.size(),
        kafkaRecords.get() - firstOnKafka.size());
    System.out.printf("loss: %d (acknowledged, not in PostgreSQL: %d; stored, not on Kafka: %d)%n",
        notStored.size() + notOnKafka.size(), notStored.size(), notOnKafka.size());
    System.out.printf("duplicates: %d (on Kafka under more than one event id: %d; not under the stored id: %d; "
        + "on Kafka, not stored: %d)%n", duplicated.size(), underTwoIds.size(), wrongId.size(), onKafkaNotStored.size());
  }
}
