package com.medcontracthub.perf;

import com.medcontracthub.jobs.JobListener;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.NewJob;
import com.medcontracthub.jobs.QueueOptions;
import com.medcontracthub.jobs.TakenJob;
import com.medcontracthub.jobs.Worker;
import com.medcontracthub.jobs.WorkerOptions;
import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * MedContractHub's side of {@link JobQueueBenchmark}, the same scenarios as BullMQ's ({@code perf/node/bullmq-bench.mjs}):
 * one JVM that enqueues and works, against the Redis the harness started.
 * <pre>
 *   JobQueueWorkerProcess redis-url throughput jobs concurrency workMs prefetch
 *   JobQueueWorkerProcess redis-url latency perSecond seconds concurrency prefetch
 * </pre>
 * Prints "ready", then one JSON line of results, then waits for stdin to close.
 */
public final class JobQueueWorkerProcess {

  private static final String PREFIX = "bench";
  private static final String TYPE = "job";

  private final Vertx vertx = Vertx.vertx();
  private final RedisOptions redisOptions;
  private final JobQueue queue;

  private JobQueueWorkerProcess(String url) {
    redisOptions = new RedisOptions().setConnectionString(url).setMaxPoolWaiting(100_000);
    queue = new JobQueue(new RedisLine(Redis.createClient(vertx, redisOptions), 30_000), PREFIX);
  }

  public static void main(String[] args) throws Exception {
    JobQueueWorkerProcess bench = new JobQueueWorkerProcess(args[0]);
    int[] n = Arrays.stream(args, 2, 6).mapToInt(Integer::parseInt).toArray();
    System.out.println("ready");
    Future<JsonObject> result = args[1].equals("throughput") ? bench.throughput(n[0], n[1], n[2], n[3])
        : bench.latency(n[0], n[1], n[2], n[3]);
    System.out.println(result.toCompletionStage().toCompletableFuture().get().encode());
    System.in.transferTo(OutputStream.nullOutputStream());
    System.exit(0);
  }

  private Future<JsonObject> throughput(int jobs, int concurrency, int workMs, int prefetch) {
    String name = "bench-" + jobs + "-" + workMs;
    WorkerOptions options = WorkerOptions.DEFAULTS.withConcurrency(concurrency).withPrefetch(prefetch);
    return run(name + "-warmup", jobs / 5, options, workMs).compose(warm -> run(name, jobs, options, workMs));
  }

  private Future<JsonObject> run(String name, int jobs, WorkerOptions options, int workMs) {
    Future<Void> filled = Future.succeededFuture();
    for (int i = 0; i < jobs; i += 1000) {
      int from = i;
      filled = filled.compose(v -> Future.all(IntStream.range(from, Math.min(jobs, from + 1000))
          .mapToObj(j -> queue.enqueue(name, NewJob.of(TYPE, new JsonObject().put("n", j)))).toList()).mapEmpty());
    }
    AtomicInteger completed = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    JobListener counter = new JobListener() {
      @Override
      public void ended(TakenJob job, String outcome, String error, long ranMs) {
        (outcome.equals("completed") ? completed : errors).incrementAndGet();
        if (completed.get() + errors.get() == jobs) {
          done.tryComplete();
        }
      }
    };
    long[] started = new long[1];
    return filled.compose(v -> {
      started[0] = System.nanoTime();
      return Worker.start(vertx, redisOptions, PREFIX, name, QueueOptions.DEFAULTS, options,
          Map.of(TYPE, job -> workMs > 0 ? vertx.timer(workMs).map((JsonObject) null) : Future.succeededFuture()),
          counter);
    }).compose(worker -> done.future().compose(v -> {
      double seconds = (System.nanoTime() - started[0]) / 1e9;
      return worker.stop().map(new JsonObject().put("completed", completed.get()).put("errors", errors.get())
          .put("seconds", seconds).put("perSecond", completed.get() / seconds));
    }));
  }

  private Future<JsonObject> latency(int perSecond, int seconds, int concurrency, int prefetch) {
    String name = "latency";
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    double warmupUntil = now() + seconds * 200.0;
    JobListener timer = new JobListener() {
      @Override
      public void ended(TakenJob job, String outcome, String error, long ranMs) {
        double t = new JsonObject(job.data()).getDouble("t");
        if (!outcome.equals("completed")) {
          errors.incrementAndGet();
        } else if (t >= warmupUntil) {
          latencies.add(now() - t);
        }
      }
    };
    int total = perSecond * seconds;
    AtomicInteger measured = new AtomicInteger();
    return Worker.start(vertx, redisOptions, PREFIX, name, QueueOptions.DEFAULTS,
            WorkerOptions.DEFAULTS.withConcurrency(concurrency).withPrefetch(prefetch),
            Map.of(TYPE, job -> Future.succeededFuture()), timer)
        .compose(worker -> {
          Promise<Void> allAdded = Promise.promise();
          double start = now();
          int[] added = new int[1];
          vertx.setPeriodic(1, id -> {
            int due = (int) Math.min(total, (now() - start) / 1000 * perSecond);
            for (; added[0] < due; added[0]++) {
              double t = now();
              if (t >= warmupUntil) {
                measured.incrementAndGet();
              }
              queue.enqueue(name, NewJob.of(TYPE, new JsonObject().put("t", t))).onFailure(e -> errors.incrementAndGet());
            }
            if (added[0] == total) {
              vertx.cancelTimer(id);
              allAdded.complete();
            }
          });
          return allAdded.future().compose(v -> until(() -> latencies.size() + errors.get() >= measured.get(), now() + 30_000))
              .compose(v -> worker.stop().map(w -> {
                List<Double> sorted;
                synchronized (latencies) {
                  sorted = latencies.stream().sorted().toList();
                }
                return new JsonObject().put("completed", sorted.size())
                    .put("errors", errors.get() + Math.max(0, measured.get() - sorted.size() - errors.get()))
                    .put("added", total).put("p50", percentile(sorted, 0.5)).put("p99", percentile(sorted, 0.99))
                    .put("max", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
              }));
        });
  }

  private Future<Void> until(BooleanSupplier condition, double deadline) {
    return condition.getAsBoolean() || now() > deadline ? Future.succeededFuture()
        : vertx.timer(10).compose(t -> until(condition, deadline));
  }

  private static double percentile(List<Double> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(sorted.size() * p)));
  }

  /** Milliseconds since the epoch with the clock's sub-millisecond part, as {@code performance.now()} gives node. */
  private static double now() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
  }
}
