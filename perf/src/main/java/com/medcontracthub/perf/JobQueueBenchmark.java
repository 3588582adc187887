package com.medcontracthub.perf;

import com.medcontracthub.jobs.WorkerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import redis.embedded.RedisServer;

/**
 * The job queue against BullMQ, in the same run and on the same Redis (Redis 6.2 from embedded-redis, no persistence,
 * flushed before each run): no-op jobs at concurrency 50, 5 ms I/O-bound jobs at concurrency 100, and add→complete
 * latency at a steady rate. Each side is one process that enqueues and works ({@link JobQueueWorkerProcess}, and
 * {@code perf/node/bullmq-bench.mjs} with npm {@code bullmq}); both warm up first. Printed per run: the figure, the
 * errors, and the CPU seconds of that side's process (all of its life: start, warm-up, enqueueing and working) and of
 * Redis during the run, each with its child processes ({@link Footprint}), and their sum. The job queue runs twice:
 * with its defaults (taking jobs ahead while they are short), and without taking any ahead.
 * <pre>perf/run JobQueueBenchmark [jobs=50000] [latencySeconds=20] [perSecond=1000]</pre>
 */
public final class JobQueueBenchmark {

  private record Side(String name, List<String> command, int prefetch) {
  }

  /** @param cpu the CPU seconds by part: the side's process, Redis */
  private record Run(JsonObject result, Map<String, Double> cpu) {
  }

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    int port = freePort();
    Path pidFile = Files.createTempDirectory("mch-job-queue-redis").resolve("redis.pid");
    RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
        .setting("save \"\"").setting("appendonly no").setting("pidfile " + pidFile).build();
    server.start();
    Footprint redisFootprint = Footprint.process("Redis", Footprint.pidIn(pidFile));
    Vertx vertx = Vertx.vertx();
    String url = "redis://127.0.0.1:" + port;
    RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, new RedisOptions().setConnectionString(url)));
    try {
      List<Side> sides = List.of(
          new Side("BullMQ 6.7.6 (node)", List.of("node", "perf/node/bullmq-bench.mjs", url), 0),
          new Side("MedContractHub, defaults (JVM)", javaSide(url), WorkerOptions.AUTO),
          new Side("MedContractHub, no prefetch (JVM)", javaSide(url), 0));
      System.out.printf("job queue benchmark: %d jobs per throughput run, %d jobs/s for %d s in the latency run%n",
          jobs, perSecond, seconds);
      Map<String, double[]> figures = new TreeMap<>();
      for (String[] scenario : List.of(
          new String[] {"no-op jobs, concurrency 50", "throughput", "" + jobs, "50", "0"},
          new String[] {"5 ms I/O jobs, concurrency 100", "throughput", "" + jobs, "100", "5"},
          new String[] {"add→complete at " + perSecond + "/s, concurrency 50", "latency", "" + perSecond, "" + seconds, "50"})) {
        System.out.println();
        System.out.println(scenario[0]);
        for (Side side : sides) {
          List<String> runArgs = new ArrayList<>(List.of(scenario).subList(1, 5));
          if (side.command().get(0).equals(Processes.java())) {
            runArgs.add(String.valueOf(side.prefetch()));
          }
          Run run = run(redis, redisFootprint, side, runArgs);
          JsonObject r = run.result();
          String figure = scenario[1].equals("throughput")
              ? String.format(Locale.ROOT, "%9.0f jobs/s (%d in %.2f s)", r.getDouble("perSecond"), r.getInteger("completed"),
                  r.getDouble("seconds"))
              : String.format(Locale.ROOT, "p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms (%d measured)", r.getDouble("p50"),
                  r.getDouble("p99"), r.getDouble("max"), r.getInteger("completed"));
          System.out.printf(Locale.ROOT, "  %-32s %s   errors %d   CPU s: %s%n", side.name(), figure,
              r.getInteger("errors"), Footprint.breakdown(run.cpu(), 1, "%.2f"));
          figures.computeIfAbsent(scenario[0], k -> new double[sides.size()])[sides.indexOf(side)] =
              scenario[1].equals("throughput") ? r.getDouble("perSecond") : r.getDouble("p99");
        }
        double[] all = figures.get(scenario[0]);
        System.out.printf(Locale.ROOT, "  ratio MedContractHub / BullMQ: defaults %.2f×, no prefetch %.2f×%s%n",
            all[1] / all[0], all[2] / all[0],
            scenario[1].equals("throughput") ? " (throughput; goal ≥ 1.25)" : " (p99; goal ≤ 1.00)");
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      server.stop();
    }
  }

  private static List<String> javaSide(String url) {
    return List.of(Processes.java(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        JobQueueWorkerProcess.class.getName(), url);
  }

  private static Run run(RedisAPI redis, Footprint redisFootprint, Side side, List<String> args) throws Exception {
    await(redis.flushall(List.of()));
    Footprint.Reading redisBefore = redisFootprint.read();
    List<String> command = new ArrayList<>(side.command());
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
    String line = out.readLine();
    while (line != null && !line.startsWith("{")) {
      line = out.readLine();
    }
    if (line == null) {
      throw new IOException(side.name() + " ended without a result");
    }
    // the process counts from its start (the earlier reading has no such part), Redis over the run
    Map<String, Double> cpu = Footprint.process("process", process.pid()).plus(redisFootprint).read()
        .cpuSince(redisBefore);
    process.getOutputStream().close();
    process.waitFor();
    return new Run(new JsonObject(line), cpu);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
