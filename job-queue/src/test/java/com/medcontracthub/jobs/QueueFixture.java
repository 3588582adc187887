package com.medcontracthub.jobs;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** The embedded Redis with a key prefix of the test's own, its job queue, and the workers a test starts on it. */
final class QueueFixture {

  static final WorkerOptions FAST = WorkerOptions.DEFAULTS.withLease(Duration.ofMillis(600));

  final Vertx vertx;
  final RedisOptions redisOptions =
      new RedisOptions().setConnectionString(TestInfrastructure.get().settings().get(ConfigKeys.REDIS_URI));
  final Redis redis;
  final RedisLine line;
  final String prefix = "test-" + UUID.randomUUID();
  final JobQueue jobs;
  private final List<Worker> workers = new ArrayList<>();

  QueueFixture(Vertx vertx) {
    this.vertx = vertx;
    this.redis = Redis.createClient(vertx, redisOptions);
    this.line = new RedisLine(redis, 5_000);
    this.jobs = new JobQueue(line, prefix);
  }

  Future<Worker> worker(String queue, WorkerOptions options, Map<String, JobHandler> handlers) {
    return worker(queue, QueueOptions.DEFAULTS, options, handlers, JobListener.NONE);
  }

  Future<Worker> worker(String queue, QueueOptions queueOptions, WorkerOptions options, Map<String, JobHandler> handlers,
      JobListener listener) {
    return Worker.start(vertx, redisOptions, prefix, queue, queueOptions, options, handlers, listener)
        .onSuccess(workers::add);
  }

  /** The queue's counts once they meet the condition, checked every 20 ms for up to 10 s. */
  Future<QueueCounts> countsWhen(String queue, Predicate<QueueCounts> condition, String what) {
    return countsWhen(queue, condition, what, System.currentTimeMillis() + 10_000);
  }

  private Future<QueueCounts> countsWhen(String queue, Predicate<QueueCounts> condition, String what, long deadline) {
    return jobs.counts(queue).compose(counts -> {
      if (condition.test(counts)) {
        return Future.succeededFuture(counts);
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new AssertionError(what + " not within 10 s; the queue holds " + counts));
      }
      return vertx.timer(20).compose(t -> countsWhen(queue, condition, what, deadline));
    });
  }

  /** The job once it is in the state, checked every 20 ms for up to 10 s. */
  Future<Job> jobWhen(String id, JobState state) {
    return jobWhen(id, state, System.currentTimeMillis() + 10_000);
  }

  private Future<Job> jobWhen(String id, JobState state, long deadline) {
    return jobs.job(id).compose(job -> {
      if (job != null && job.state() == state) {
        return Future.succeededFuture(job);
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new AssertionError("job " + id + " not " + state.wireName() + " within 10 s: "
            + (job == null ? "there is no such job" : job.toJson().encode())));
      }
      return vertx.timer(20).compose(t -> jobWhen(id, state, deadline));
    });
  }

  static JsonObject data(int n) {
    return new JsonObject().put("n", n);
  }

  Future<Void> close() {
    return Future.all(workers.stream().map(Worker::stop).toList()).eventually(redis::close).mapEmpty();
  }
}
