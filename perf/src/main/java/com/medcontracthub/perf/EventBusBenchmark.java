package com.medcontracthub.perf;

import com.medcontracthub.embedded.Ports;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.node.VertxFactory;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Event-bus request/reply with a fixed number of requests in flight: in one JVM, and across two clustered JVMs
 * (this one and a child responder). Vert.x is built as the product builds it (metrics on).
 *
 * <p>Usage: {@code EventBusBenchmark [inflight] [seconds]}.
 */
public final class EventBusBenchmark {

  static final String ADDRESS = "perf.echo";

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("responder")) {
      responder(Integer.parseInt(args[1]), args[2]);
      return;
    }
    int inflight = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;

    Vertx local = VertxFactory.create(config(Map.of()), false).await();
    local.eventBus().consumer(ADDRESS, m -> m.reply(m.body()));
    run(local, "event bus, one JVM", inflight, seconds);
    local.close().await();

    int childPort = Ports.free("127.0.0.1");
    int ownPort = Ports.free("127.0.0.1");
    String members = "127.0.0.1:" + childPort + ",127.0.0.1:" + ownPort;
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), EventBusBenchmark.class.getName(), "responder",
        String.valueOf(childPort), members).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
      for (String line = out.readLine(); line != null && !line.contains("responder ready"); line = out.readLine()) {
        // skip the child's start-up logging
      }
      Vertx clustered = VertxFactory.create(config(clusterSettings(ownPort, members)), true).await();
      run(clustered, "event bus, two clustered JVMs", inflight, seconds);
      clustered.close().await();
    } finally {
      child.destroyForcibly();
    }
  }

  private static Map<String, String> clusterSettings(int port, String members) {
    return Map.of("MCH_CLUSTER_PORT", String.valueOf(port), "MCH_CLUSTER_MEMBERS", members);
  }

  private static MchConfig config(Map<String, String> env) {
    Vertx bootstrap = Vertx.vertx();
    try {
      return ConfigLoader.load(bootstrap, "cluster", Optional.empty(), env, Map.of()).await();
    } finally {
      bootstrap.close().await();
    }
  }

  private static void responder(int port, String members) {
    Vertx vertx = VertxFactory.create(config(clusterSettings(port, members)), true).await();
    vertx.eventBus().consumer(ADDRESS, m -> m.reply(m.body())).completion().await();
    System.out.println("responder ready");
  }

  /**
   * Warms up as long as it then measures (the clustered path needs seconds of JIT on both JVMs before its figures
   * settle); each answered request immediately sends the next. A request that failed (timed out, no handler) is counted
   * apart and printed, not as a completed one.
   */
  private static void run(Vertx vertx, String name, int inflight, int seconds) throws Exception {
    Latencies latencies = new Latencies();
    JsonObject body = new JsonObject().put("opportunityId", "W91YTZ-25-R-0042").put("stage", "qualifying");
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(5_000);
    long warmupEnd = System.nanoTime() + seconds * 1_000_000_000L;
    long end = warmupEnd + seconds * 1_000_000_000L;
    CompletableFuture<Void> done = new CompletableFuture<>();
    long[] measuredFrom = {0};
    long[] failed = {0};
    int[] open = {inflight};
    Runnable[] send = new Runnable[1];
    send[0] = () -> {
      long t0 = System.nanoTime();
      vertx.eventBus().request(ADDRESS, body, options).onComplete(ar -> {
        long now = System.nanoTime();
        if (now >= warmupEnd) {
          if (measuredFrom[0] == 0) {
            latencies.reset();
            measuredFrom[0] = now;
          }
          if (ar.succeeded()) {
            latencies.recordNanos(now - t0);
          } else {
            failed[0]++;
          }
        }
        if (now < end) {
          send[0].run();
        } else if (--open[0] == 0) {
          done.complete(null);
        }
      });
    };
    vertx.runOnContext(v -> {
      for (int i = 0; i < inflight; i++) {
        send[0].run();
      }
    });
    done.get();
    System.out.println(latencies.summary(name + " (" + inflight + " in flight)",
        (end - measuredFrom[0]) / 1e9) + (failed[0] > 0 ? "; " + failed[0] + " requests failed (not counted above)" : ""));
  }
}
