package com.medcontracthub.perf;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.RealtimeRooms;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.node.VertxFactory;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Room fan-out over WebSockets, the same scenario against three servers started here: MedContractHub's SockJS bridge
 * (raw WebSocket transport, each client authenticated with a token and registered on a notice's comments), a
 * Socket.IO 4 server ({@code io.to(room).emit}) and a plain npm {@code ws} server forwarding each frame. N clients
 * are spread over R rooms; a publisher sends M messages a second round-robin over the rooms (for MedContractHub a
 * service's {@code realtime.push} on the event bus, which logs each message for recovery first); every client
 * records each message's latency from the publisher's send. The rate climbs a ladder on the same connections (each
 * rung a warm-up and a measured period) until a rung leaves a message undelivered, has a publish refused or its p99
 * above the bound; a server's capacity is its highest rung that held, reported with its deliveries/s, latencies and
 * the server's CPU and memory with all it runs or uses, by part ({@link Footprint}: MedContractHub's JVM, the Redis
 * and PostgreSQL it uses, and the Kafka broker's threads in this harness JVM, whose memory is not separable; a Node
 * server with any child processes), and the ratios of the capacities.
 *
 * <p>{@code perf/run RealtimeBenchmark [clients=10000] [rooms=100] [messagesPerSecond=200, or a ladder: 200,400,800]
 * [seconds=30] [targets=mch,ws,socketio] [p99 bound ms=100]}. Load generator and servers share the machine's cores.
 */
public final class RealtimeBenchmark {

  private static final int CONNECT_CONCURRENCY = 200;
  /**
   * The serial collector, as the JVM picks by itself on one core: with a live heap of ~150 MiB it pauses about as
   * briefly as G1 on two shared cores, and G1's growth during the connection burst cost a third more memory per socket
   * (docs/performance.md).
   */
  private static final String DEFAULT_MCH_JVM_OPTIONS = "-Xmx1g -XX:+UseSerialGC";
  private static final long PING_EVERY_MS = 10_000;
  /** Each tick pings one slice of the sockets, so pings arrive spread out as real clients' do, not in one burst. */
  private static final int PING_SLICES = 100;
  /** A rate holds while its p99 stays within this: a tenth of a second is well under what a person notices. */
  private static final double DEFAULT_P99_BOUND_MS = 100;
  private static final Map<String, AtomicLong> PER_ROOM = new ConcurrentHashMap<>();

  /**
   * One rung of the rate ladder: {@code rate} messages/s published for the measured seconds after as long a warm-up.
   *
   * @param byPart the CPU by part, with its total
   */
  private record Step(int rate, long expected, long delivered, long failedPublishes, double seconds,
      Latencies latencies, double cpuPercent, String byPart) {

    double deliveredPerSecond() {
      return delivered / seconds;
    }

    /** Every message delivered to every member, none refused, the p99 within the bound. */
    boolean holds(double p99BoundMs) {
      return expected > 0 && delivered >= expected && failedPublishes == 0 && latencies.p(99) <= p99BoundMs;
    }
  }

  /** A server's ladder: the rates it was measured at, in order, up to the first that did not hold. */
  private record Result(String name, int connected, List<Step> steps, double baseRssMiB, double connectedRssMiB,
      double endRssMiB, String rssByPart) {

    double perGb() {
      double grown = connectedRssMiB - baseRssMiB;
      return grown <= 0 ? Double.NaN : connected / (grown / 1024.0);
    }

    /** The highest rung that held, or null when none did. */
    Step capacity(double p99BoundMs) {
      Step best = null;
      for (Step step : steps) {
        if (!step.holds(p99BoundMs)) {
          break;
        }
        best = step;
      }
      return best;
    }
  }

  /** What the clients received: counted and timed only for messages sent from {@code measureFrom} on. */
  private static final class Received {
    // a fresh set for each rung of the ladder, taken before measureFrom moves
    volatile Latencies latencies = new Latencies();
    volatile AtomicLong delivered = new AtomicLong();
    volatile LateMessages late = new LateMessages();
    // messages sent from this time on are measured: the warm-up's late arrivals are not
    volatile long measureFrom = Long.MAX_VALUE;

    void arrived(String room, long sentNanos) {
      if (sentNanos >= measureFrom) {
        long latency = System.nanoTime() - sentNanos;
        latencies.recordNanos(latency);
        late.delivered(sentNanos, latency);
        delivered.incrementAndGet();
        PER_ROOM.computeIfAbsent(room, r -> new AtomicLong()).incrementAndGet();
      }
    }

    void nextRung() {
      measureFrom = Long.MAX_VALUE;
      latencies = new Latencies();
      delivered = new AtomicLong();
      late = new LateMessages();
      PER_ROOM.clear();
    }
  }

  /** One server under test and how its clients speak to it. */
  private abstract static class Target {
    final String name;
    final int port;
    /** What the server runs or uses. */
    final Footprint footprint;

    Target(String name, int port, Footprint footprint) {
      this.name = name;
      this.port = port;
      this.footprint = footprint;
    }

    abstract String path();

    /** After the socket opened: a handshake, if the protocol has one. */
    void opened(WebSocket socket) {
    }

    /** Sends what joins the room; {@link #joinedBy} recognises the answer that says it took effect. */
    abstract void join(WebSocket socket, String room);

    abstract boolean joinedBy(String frame);

    /** A frame saying the join was refused. */
    boolean refusedBy(String frame) {
      return false;
    }

    /** Answers a protocol-level frame (a ping); true when the frame was one. */
    boolean control(WebSocket socket, String frame) {
      return false;
    }

    abstract Future<?> publish(String room, long sentNanos);

    void keepAlive(WebSocket socket) {
    }

    /** What else the target measured, for the report; empty by default. */
    String detail() {
      return "";
    }
  }

  /** The rates to measure, in order, and the p99 a rate must stay within to hold. */
  private record Ladder(List<Integer> rates, double p99BoundMs) {
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rooms = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    List<Integer> rates = Arrays.stream((args.length > 2 ? args[2] : "200").split(",")).map(Integer::parseInt).toList();
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    List<String> targets = List.of((args.length > 4 ? args[4] : "mch,ws,socketio").split(","));
    Ladder ladder = new Ladder(rates, args.length > 5 ? Double.parseDouble(args[5]) : DEFAULT_P99_BOUND_MS);
    Path node = Path.of("perf/node").toAbsolutePath();
    Path work = Files.createTempDirectory("mch-realtime-bench");
    System.out.printf(Locale.ROOT, "%d clients in %d rooms, messages/s %s for %d s each (after as long a warm-up), "
        + "until a rate leaves a message undelivered or its p99 above %.0f ms%n", clients, rooms, rates, seconds,
        ladder.p99BoundMs());
    Map<String, Result> results = new LinkedHashMap<>();
    for (String target : targets) {
      Result result = switch (target) {
        case "mch" -> mch(work, clients, rooms, ladder, seconds);
        case "ws" -> node(node, "ws-server.mjs", "npm ws, forwarding each frame", clients, rooms, ladder, seconds,
            WsTarget::new);
        case "socketio" -> node(node, "socketio-server.mjs", "Socket.IO 4, io.to(room).emit", clients, rooms, ladder,
            seconds, SocketIoTarget::new);
        default -> throw new IllegalArgumentException("unknown target " + target + "; expected mch, ws or socketio");
      };
      results.put(target, result);
    }
    System.out.println();
    print(List.copyOf(results.values()), ladder.p99BoundMs());
    ratios(results, ladder.p99BoundMs());
    System.exit(0);
  }

  private interface TargetMaker {
    Target make(Vertx vertx, WebSocketClient client, int port, Footprint footprint);
  }

  private static Result node(Path dir, String script, String name, int clients, int rooms, Ladder ladder,
      int seconds, TargetMaker maker) throws Exception {
    int port = Ports.free("127.0.0.1");
    Process server = Processes.startAndWait(List.of("node", dir.resolve(script).toString(), String.valueOf(port)),
        Map.of(), "listening");
    Vertx vertx = clientSide();
    try {
      WebSocketClient client = webSockets(vertx, clients);
      Target target = maker.make(vertx, client, port, Footprint.process("node", server.pid()));
      List<String> roomNames = new ArrayList<>();
      for (int i = 0; i < rooms; i++) {
        roomNames.add("room-" + i);
      }
      return run(vertx, client, target, name, roomNames, clients, ladder, seconds);
    } finally {
      vertx.close().await();
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The Vert.x of the load generator's clients, the same for every server. */
  private static Vertx clientSide() {
    return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  }

  private static WebSocketClient webSockets(Vertx vertx, int clients) {
    return vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 16)
        .setConnectTimeout(30_000));
  }

  /** MedContractHub in a JVM of its own, clustered with this one (which publishes as a service does). */
  private static Result mch(Path work, int clients, int rooms, Ladder ladder, int seconds) throws Exception {
    // first: it learns the Kafka broker's threads as the test infrastructure starts
    Footprint infrastructure = Footprint.testInfrastructure();
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    int[] cluster = {Ports.free("127.0.0.1"), Ports.free("127.0.0.1")};
    String members = "127.0.0.1:" + cluster[0] + ",127.0.0.1:" + cluster[1];
    env.put(ConfigKeys.envName(ConfigKeys.CLUSTER_MEMBERS), members);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    List<String> notices = new ArrayList<>();
    for (int i = 0; i < rooms; i++) {
      notices.add("bench-" + suffix + "-" + i);
    }
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    Map<String, String> harnessEnv = new HashMap<>(env);
    harnessEnv.put(ConfigKeys.envName(ConfigKeys.CLUSTER_PORT), String.valueOf(cluster[0]));
    MchConfig config = ConfigLoader.load(Vertx.vertx(), "cluster", Optional.empty(), harnessEnv, Map.of()).await();
    Vertx vertx = VertxFactory.create(config, true).await();
    String email = "bench-" + suffix + "@bench.example";
    seed(vertx, config, email, notices).await();

    int port = Ports.free("127.0.0.1");
    int management = Ports.free("127.0.0.1");
    env.put(ConfigKeys.envName(ConfigKeys.CLUSTER_PORT), String.valueOf(cluster[1]));
    env.put(ConfigKeys.envName(ConfigKeys.GATEWAY_PORT), String.valueOf(port));
    env.put(ConfigKeys.envName(ConfigKeys.MANAGEMENT_PORT), String.valueOf(management));
    Path alone = Files.writeString(work.resolve("no-kafka-consumers.yaml"), "bridge: {inbound: [], outbound: []}\n");
    Path log = work.resolve("mch.log");
    System.out.println("  mch log: " + log);
    List<String> command = new ArrayList<>(List.of(Processes.java()));
    String jvmOptions = System.getenv().getOrDefault("PERF_MCH_JVM_OPTIONS", DEFAULT_MCH_JVM_OPTIONS);
    command.addAll(List.of(jvmOptions.trim().split("\\s+")));
    command.addAll(List.of("-jar", jar().toString(), "up", "--cluster", "--services", "gateway,identity,opportunities,realtime",
        "--config", alone.toString()));
    System.out.println("  mch JVM options: " + jvmOptions);
    Process mch = Processes.startAndWait(command, env, "MedContractHub ready", log);
    // the clients run as they do against the peers (a plain Vert.x, two event loops); the clustered one publishes
    Vertx clientSide = clientSide();
    try {
      String token = new GatewayClient(vertx, port).request(HttpMethod.POST, "/api/v1/auth/login")
          .sendJsonObject(new JsonObject().put("email", email).put("password", "bench-password"))
          .map(r -> r.bodyAsJsonObject().getString("access_token")).await();
      String tenant = claims(token).getString("tenant");
      MchTarget target = new MchTarget(vertx, port, management,
          Footprint.process("mch JVM", mch.pid()).plus(infrastructure), token, tenant);
      return run(clientSide, webSockets(clientSide, clients), target, "MedContractHub SockJS bridge (raw WebSocket)",
          notices, clients, ladder, seconds);
    } finally {
      mch.destroy();
      mch.waitFor(15, TimeUnit.SECONDS);
      Future.join(vertx.close(), clientSide.close()).await();
    }
  }

  private static Future<Void> seed(Vertx vertx, MchConfig config, String email, List<String> notices) {
    Pool pool = PgPools.create(vertx, config);
    StringBuilder records = new StringBuilder();
    notices.forEach(id -> records.append("{\"noticeId\": \"").append(id)
        .append("\", \"title\": \"Benchmark room\", \"postedDate\": \"2024-05-01\"}\n"));
    return new Accounts(vertx, new IdentityStore(pool)).createTenant("bench-" + email, email, "bench-password", "bench")
        .compose(tenant -> vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(
            () -> new ByteArrayInputStream(records.toString().getBytes(StandardCharsets.UTF_8)), "bench", (r, b) -> { })))
        .eventually(pool::close).mapEmpty();
  }

  private static JsonObject claims(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        StandardCharsets.UTF_8));
  }

  private static Path jar() {
    return Path.of(System.getProperty("mch.jar", "launcher/target/mch.jar")).toAbsolutePath();
  }

  /**
   * Connects every client, then climbs the ladder on those connections: at each rate a warm-up and a measured period,
   * collecting what arrived, until a rate does not hold.
   */
  private static Result run(Vertx vertx, WebSocketClient client, Target target, String name, List<String> rooms,
      int clients, Ladder ladder, int seconds) throws Exception {
    double baseRss = Footprint.total(target.footprint.read().rss());
    Received received = new Received();
    List<WebSocket> sockets = new CopyOnWriteArrayList<>();
    Map<String, Integer> members = new HashMap<>();
    // from the first connection on, as a real client pings (the bridge closes sockets silent for 30 s)
    long[] tick = {0};
    long keepAlive = vertx.setPeriodic(PING_EVERY_MS / PING_SLICES, id -> {
      int slice = (int) (tick[0]++ % PING_SLICES);
      for (int i = slice; i < sockets.size(); i += PING_SLICES) {
        target.keepAlive(sockets.get(i));
      }
    });
    long t0 = System.nanoTime();
    int failed = connectAll(client, target, rooms, clients, sockets, members, received);
    System.out.printf(Locale.ROOT, "  %s: %d connected and joined in %.1f s, %d failed%n", name, sockets.size(),
        (System.nanoTime() - t0) / 1e9, failed);
    double connectedRss = Footprint.total(target.footprint.read().rss());

    List<Step> steps = new ArrayList<>();
    for (int rate : ladder.rates()) {
      Step step = rung(vertx, target, rooms, members, received, rate, seconds);
      steps.add(step);
      System.out.printf(Locale.ROOT, "  %s at %d messages/s: %.0f deliveries/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, "
              + "%d of %d delivered, %d publishes failed, %s%n", name, rate, step.deliveredPerSecond(),
          step.latencies().p(50), step.latencies().p(99), step.latencies().max(), step.delivered(), step.expected(),
          step.failedPublishes(), step.byPart());
      if (!step.holds(ladder.p99BoundMs())) {
        break;
      }
    }
    Map<String, Double> endRss = target.footprint.read().rss();
    vertx.cancelTimer(keepAlive);
    Future.join(sockets.stream().map(WebSocket::close).toList()).await();
    return new Result(name, sockets.size(), steps, baseRss, connectedRss, Footprint.total(endRss),
        Footprint.breakdown(endRss, 1, "%.0f"));
  }

  /** One rate: a warm-up, then the measured period, then up to 10 s for the last messages to arrive. */
  private static Step rung(Vertx vertx, Target target, List<String> rooms, Map<String, Integer> members,
      Received received, int rate, int seconds) {
    publish(vertx, target, rooms, rate, seconds, null);
    received.nextRung();
    Footprint.Reading cpu0 = target.footprint.read();
    long[] sentPerRoom = new long[rooms.size()];
    long start = System.nanoTime();
    received.measureFrom = start;
    long failedPublishes = publish(vertx, target, rooms, rate, seconds, sentPerRoom);
    Map<String, Double> cpu = target.footprint.read().cpuSince(cpu0);
    double measured = (System.nanoTime() - start) / 1e9;
    long expected = 0;
    for (int i = 0; i < rooms.size(); i++) {
      expected += sentPerRoom[i] * members.getOrDefault(rooms.get(i), 0);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received.delivered.get() < expected && System.nanoTime() < deadline) {
      vertx.timer(50).await();
    }
    received.measureFrom = Long.MAX_VALUE;
    for (int i = 0; i < rooms.size(); i++) {
      long want = sentPerRoom[i] * members.getOrDefault(rooms.get(i), 0);
      long got = PER_ROOM.getOrDefault(rooms.get(i), new AtomicLong()).get();
      if (got < want) {
        System.out.println("  room " + rooms.get(i) + ": " + got + " of " + want + " delivered");
      }
    }
    System.out.println(received.late.summary());
    String detail = target.detail();
    if (!detail.isEmpty()) {
      System.out.println(detail);
    }
    return new Step(rate, expected, received.delivered.get(), failedPublishes, measured, received.latencies,
        100 * Footprint.total(cpu) / measured, "CPU % " + Footprint.breakdown(cpu, 100 / measured, "%.0f"));
  }

  private static int connectAll(WebSocketClient client, Target target, List<String> rooms, int clients,
      List<WebSocket> sockets, Map<String, Integer> members, Received received) {
    int failed = 0;
    for (int from = 0; from < clients; from += CONNECT_CONCURRENCY) {
      List<Future<WebSocket>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(clients, from + CONNECT_CONCURRENCY); i++) {
        String room = rooms.get(i % rooms.size());
        batch.add(connect(client, target, room, received));
      }
      Future.join(batch).transform(done -> Future.succeededFuture()).await();
      List<WebSocket> joined = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        if (batch.get(i).succeeded()) {
          joined.add(batch.get(i).result());
          members.merge(rooms.get((from + i) % rooms.size()), 1, Integer::sum);
        } else {
          failed++;
          if (failed <= 3) {
            System.out.println("  connect failed: " + batch.get(i).cause());
          }
        }
      }
      sockets.addAll(joined);
    }
    return failed;
  }

  private static Future<WebSocket> connect(WebSocketClient client, Target target, String room, Received received) {
    return client.connect(target.port, "127.0.0.1", target.path()).compose(socket -> {
      Promise<WebSocket> joined = Promise.promise();
      socket.handler(frame -> {
        String text = frame.toString(StandardCharsets.UTF_8);
        if (target.control(socket, text)) {
          return;
        }
        long sent = sentNanos(text);
        if (sent > 0) {
          received.arrived(room, sent);
        } else if (!joined.future().isComplete() && target.refusedBy(text)) {
          joined.fail("refused: " + text);
        } else if (!joined.future().isComplete() && target.joinedBy(text)) {
          joined.complete(socket);
        }
      });
      target.opened(socket);
      target.join(socket, room);
      return joined.future().timeout(30, TimeUnit.SECONDS);
    });
  }

  /** The publisher's send time carried as {@code "t":<nanos>}, or -1: read without parsing the whole frame. */
  private static long sentNanos(String frame) {
    int at = frame.indexOf("\"t\":");
    if (at < 0) {
      return -1;
    }
    long value = 0;
    for (int i = at + 4; i < frame.length() && Character.isDigit(frame.charAt(i)); i++) {
      value = value * 10 + (frame.charAt(i) - '0');
    }
    return value;
  }

  /** {@code rate} messages a second for {@code seconds}, round-robin over the rooms, counting each room's sends. */
  private static long publish(Vertx vertx, Target target, List<String> rooms, int rate, int seconds, long[] sentPerRoom) {
    Promise<Void> done = Promise.promise();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    long total = (long) rate * seconds;
    long[] sent = {0};
    vertx.setPeriodic(1, id -> {
      long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate));
      for (; sent[0] < due; sent[0]++) {
        int room = (int) (sent[0] % rooms.size());
        target.publish(rooms.get(room), System.nanoTime()).onFailure(e -> {
          if (failed.getAndIncrement() < 3) {
            System.out.println("  publish failed: " + e);
          }
        });
        if (sentPerRoom != null) {
          sentPerRoom[room]++;
        }
      }
      if (sent[0] >= total) {
        vertx.cancelTimer(id);
        done.complete();
      }
    });
    done.future().await();
    return failed.get();
  }

  /** Each server's highest rate that held: its deliveries/s, latencies and footprint there. */
  private static void print(List<Result> results, double p99BoundMs) {
    System.out.printf(Locale.ROOT, "capacity: the highest rate with every message delivered and p99 <= %.0f ms%n",
        p99BoundMs);
    System.out.printf(Locale.ROOT, "%-46s %7s %9s %10s %8s %8s %9s %6s %9s %9s %8s%n", "server", "clients", "msgs/s",
        "deliv/s", "p50 ms", "p99 ms", "max ms", "CPU %", "PSS MiB", "+conn MiB", "conn/GB");
    for (Result r : results) {
      Step step = r.capacity(p99BoundMs);
      if (step == null) {
        System.out.printf(Locale.ROOT, "%-46s %7d   no rate held (the lowest: %s)%n", r.name(), r.connected(),
            r.steps().isEmpty() ? "not measured" : r.steps().get(0).rate() + " messages/s");
        continue;
      }
      System.out.printf(Locale.ROOT, "%-46s %7d %9d %10.0f %8.2f %8.2f %9.2f %6.0f %9.0f %9.0f %8.0f%n", r.name(),
          r.connected(), step.rate(), step.deliveredPerSecond(), step.latencies().p(50), step.latencies().p(99),
          step.latencies().max(), step.cpuPercent(), r.endRssMiB(), r.connectedRssMiB() - r.baseRssMiB(), r.perGb());
    }
    for (Result r : results) {
      Step step = r.capacity(p99BoundMs);
      System.out.println("  " + r.name() + ": " + (step == null ? "" : step.byPart() + "; ") + "PSS MiB at the end "
          + r.rssByPart());
    }
  }

  private static void ratios(Map<String, Result> results, double p99BoundMs) {
    Result mch = results.get("mch");
    Step ours = mch == null ? null : mch.capacity(p99BoundMs);
    if (ours == null) {
      return;
    }
    for (String peer : List.of("ws", "socketio")) {
      Step theirs = results.containsKey(peer) ? results.get(peer).capacity(p99BoundMs) : null;
      if (theirs != null) {
        System.out.printf(Locale.ROOT, "mch / %-8s capacity (deliveries/s) x%.2f; at it p99 x%.2f, p50 x%.2f; "
                + "connections per GB x%.2f%n", peer, ours.deliveredPerSecond() / theirs.deliveredPerSecond(),
            ours.latencies().p(99) / theirs.latencies().p(99), ours.latencies().p(50) / theirs.latencies().p(50),
            mch.perGb() / results.get(peer).perGb());
      }
    }
  }


  /** MedContractHub's bridge: register with the token, a refused empty comment as the barrier, pings. */
  private static final class MchTarget extends Target {
    private static final Buffer PING = Buffer.buffer("{\"type\":\"ping\"}");
    private final Vertx vertx;
    private final String token;
    private final String tenant;
    private final Latencies pushes = new Latencies();
    /** Where its /metrics are. */
    private final int management;

    MchTarget(Vertx vertx, int port, int management, Footprint footprint, String token, String tenant) {
      super("mch", port, footprint);
      this.management = management;
      this.vertx = vertx;
      this.token = token;
      this.tenant = tenant;
    }

    @Override
    String path() {
      return "/eventbus/websocket";
    }

    @Override
    void join(WebSocket socket, String notice) {
      String address = "opportunity." + notice + ".comments";
      JsonObject headers = new JsonObject().put("Authorization", "Bearer " + token);
      socket.writeTextMessage(new JsonObject().put("type", "register").put("address", address).put("headers", headers)
          .encode());
      // answered after the registration took effect: refused, as an empty comment must be
      socket.writeTextMessage(new JsonObject().put("type", "send").put("address", address).put("headers", headers)
          .put("body", new JsonObject()).put("replyAddress", UUID.randomUUID().toString()).encode());
    }

    @Override
    boolean joinedBy(String frame) {
      return frame.contains("\"failureCode\":400");
    }

    @Override
    boolean refusedBy(String frame) {
      return frame.contains("\"type\":\"err\"") && !frame.contains("\"failureCode\":400");
    }

    @Override
    Future<?> publish(String notice, long sentNanos) {
      return vertx.eventBus().request(Addresses.REALTIME_PUSH, new JsonObject()
          .put("room", RealtimeRooms.tenantOpportunity(tenant, notice, "comments"))
          .put("body", new JsonObject().put("t", sentNanos)))
          .onSuccess(acked -> pushes.recordNanos(System.nanoTime() - sentNanos));
    }

    /**
     * Seen from the harness, and inside the server (the service's {@code mch_realtime_push_seconds} histogram, from a
     * push's arrival to its publication, since the server started: warm-up and run): where a push was held up.
     */
    @Override
    String detail() {
      return String.format(Locale.ROOT, "  realtime.push acknowledged (logged and published): p50 %.2f ms, p99 %.2f ms, "
          + "max %.2f ms%n  realtime.push inside the server (arrival to publication): %s", pushes.p(50), pushes.p(99),
          pushes.max(), serverPushTimes());
    }

    private String serverPushTimes() {
      try {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + management + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        Map<Double, Double> buckets = new TreeMap<>();
        metrics.lines().filter(line -> line.startsWith("mch_realtime_push_seconds_bucket{"))
            .forEach(line -> buckets.put(bound(line), value(line)));
        String max = metrics.lines().filter(line -> line.startsWith("mch_realtime_push_seconds_max "))
            .findFirst().map(line -> String.format(Locale.ROOT, "%.2f", value(line) * 1000)).orElse("?");
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms (interpolated in its buckets, as Prometheus's "
            + "histogram_quantile does), max %s ms", quantile(buckets, 0.5) * 1000, quantile(buckets, 0.99) * 1000,
            max);
      } catch (IOException | InterruptedException e) {
        return "not read (" + e + ")";
      }
    }

    private static double bound(String line) {
      String le = line.substring(line.indexOf("le=\"") + 4, line.indexOf('"', line.indexOf("le=\"") + 4));
      return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static double value(String line) {
      return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** Linear interpolation inside the bucket holding the quantile's rank; NaN before any push. */
    private static double quantile(Map<Double, Double> cumulative, double q) {
      double total = cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
      double lower = 0;
      double below = 0;
      for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
        if (bucket.getValue() >= q * total && total > 0) {
          return bucket.getKey().isInfinite() ? lower
              : lower + (bucket.getKey() - lower) * (q * total - below) / (bucket.getValue() - below);
        }
        lower = bucket.getKey();
        below = bucket.getValue();
      }
      return Double.NaN;
    }

    @Override
    void keepAlive(WebSocket socket) {
      socket.writeBinaryMessage(PING);
    }
  }

  /** The plain ws server: {"join"} answered {"joined"}; a publisher socket sends {"room", "payload"}. */
  private static final class WsTarget extends Target {
    private final WebSocket publisher;

    WsTarget(Vertx vertx, WebSocketClient client, int port, Footprint footprint) {
      super("ws", port, footprint);
      this.publisher = client.connect(port, "127.0.0.1", "/").await();
    }

    @Override
    String path() {
      return "/";
    }

    @Override
    void join(WebSocket socket, String room) {
      socket.writeTextMessage(new JsonObject().put("join", room).encode());
    }

    @Override
    boolean joinedBy(String frame) {
      return frame.contains("\"joined\"");
    }

    @Override
    Future<?> publish(String room, long sentNanos) {
      return publisher.writeTextMessage("{\"room\":\"" + room + "\",\"payload\":{\"t\":" + sentNanos + "}}");
    }
  }

  /**
   * Socket.IO 4 over its WebSocket transport: after the server's Engine.IO open packet the client connects to the
   * namespace ("40"), once connected it emits an acknowledged "join", and it answers pings ("2") with pongs ("3").
   */
  private static final class SocketIoTarget extends Target {
    private final WebSocket publisher;
    private final Map<WebSocket, String> joining = new ConcurrentHashMap<>();

    SocketIoTarget(Vertx vertx, WebSocketClient client, int port, Footprint footprint) {
      super("socketio", port, footprint);
      this.publisher = client.connect(port, "127.0.0.1", path()).compose(socket -> {
        // set on the event loop at once, before the server's first frame can be missed
        Promise<WebSocket> connected = Promise.promise();
        socket.handler(frame -> {
          if (control(socket, frame.toString()) && frame.toString().startsWith("40")) {
            connected.tryComplete(socket);
          }
        });
        return connected.future();
      }).await();
    }

    @Override
    String path() {
      return "/socket.io/?EIO=4&transport=websocket";
    }

    @Override
    void join(WebSocket socket, String room) {
      joining.put(socket, room);
    }

    @Override
    boolean joinedBy(String frame) {
      return frame.startsWith("430");
    }

    @Override
    boolean control(WebSocket socket, String frame) {
      if (frame.equals("2")) {
        socket.writeTextMessage("3");
      } else if (frame.startsWith("0{")) {
        socket.writeTextMessage("40");
      } else if (frame.startsWith("40")) {
        String room = joining.remove(socket);
        if (room != null) {
          socket.writeTextMessage("420[\"join\",\"" + room + "\"]");
        }
      } else {
        return false;
      }
      return true;
    }

    @Override
    Future<?> publish(String room, long sentNanos) {
      return publisher.writeTextMessage("42[\"publish\",{\"room\":\"" + room + "\",\"payload\":{\"t\":" + sentNanos
          + "}}]");
    }
  }
}
