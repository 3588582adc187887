package com.medcontracthub.jobs;

import static com.medcontracthub.jobs.QueueFixture.FAST;
import static com.medcontracthub.jobs.QueueFixture.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A worker that stops renewing its leases, as one that died would: here it is stopped with no grace, so it neither
 * finishes nor reports its job (the launcher's tests kill a worker JVM for real).
 */
class LeasesTest extends QueueTest {

  static final WorkerOptions DIES = new WorkerOptions(1, 0, Duration.ofMillis(600), Duration.ofSeconds(1),
      Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ZERO);

  @Test
  @DisplayName("the job of a worker that died runs again on another worker once its lease expires")
  void recoversStalledJob(VertxTestContext test) {
    AtomicInteger started = new AtomicInteger();
    JobHandler hangs = hangs(started);
    f.worker("reports", DIES, Map.of("report", hangs))
        .compose(dying -> f.jobs.enqueue("reports", NewJob.of("report", data(1)).withId("report-1"))
            .compose(e -> Eventually.until(f.vertx, () -> dying.running() == 1, 5_000, "the first worker took it"))
            .compose(v -> dying.stop()))
        .compose(v -> f.worker("reports", FAST, Map.of("report", job -> Future.succeededFuture(
            new JsonObject().put("attempt", job.attempt())))))
        .compose(w -> f.jobWhen("report-1", JobState.COMPLETED))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(1, started.get());
          assertEquals(2, done.toJson().getJsonObject("result").getInteger("attempt"));
          assertTrue(done.errors().getJsonObject(0).getString("error").startsWith("stalled"), done.errors().encode());
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a job that keeps killing its workers goes to the dead-letter queue instead of looping")
  void buriesPoisonJob(VertxTestContext test) {
    AtomicInteger started = new AtomicInteger();
    JobHandler hangs = hangs(started);
    f.jobs.enqueue("poison", NewJob.of("report", data(1)).withId("poison-1"))
        .compose(e -> f.worker("poison", DIES, Map.of("report", hangs)))
        .compose(first -> Eventually.until(f.vertx, () -> first.running() == 1, 5_000, "the first worker took it")
            .compose(v -> f.worker("poison", DIES, Map.of("report", hangs)))
            .compose(second -> first.stop()
                .compose(v -> Eventually.until(f.vertx, () -> second.running() == 1, 5_000, "the second worker took it"))
                .compose(v -> second.stop())))
        .compose(v -> f.worker("poison", FAST, Map.of("report", hangs)))
        .compose(v -> f.jobWhen("poison-1", JobState.DEAD))
        .onComplete(test.succeeding(dead -> test.verify(() -> {
          assertEquals(2, started.get(), "run by the two workers it stalled, not by the third");
          assertEquals(2, dead.errors().size());
          assertEquals("stalled: its worker stopped renewing the lease (stall 2)",
              dead.errors().getJsonObject(1).getString("error"));
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a stopping worker hands back the jobs it took ahead and never started; another runs them as first attempts")
  void handsBackPrefetched(VertxTestContext test) {
    Promise<JsonObject> slow = Promise.promise();
    WorkerOptions oneAndThreeAhead = FAST.withConcurrency(1).withPrefetch(3);
    Future.all(IntStream.range(0, 4).mapToObj(i -> f.jobs.enqueue("ahead", NewJob.of("work", data(i)).withId("ahead-" + i)))
            .toList())
        .compose(v -> f.worker("ahead", oneAndThreeAhead, Map.of("work", job -> slow.future())))
        .compose(first -> Eventually.until(f.vertx, () -> first.running() == 1, 5_000, "the first job started")
            .compose(v -> {
              Future<Void> stopped = first.stop();
              // the running job ends once the stop has begun: ended before, it would free a slot for a job taken ahead
              return Eventually.until(f.vertx, first::stopping, 5_000, "the worker stopping").compose(s -> {
                slow.complete(new JsonObject());
                return stopped;
              });
            }))
        .compose(v -> f.worker("ahead", FAST, Map.of("work", job -> Future.succeededFuture(
            new JsonObject().put("attempt", job.attempt())))))
        .compose(w -> f.countsWhen("ahead", counts -> counts.completedTotal() == 4, "four jobs completed"))
        .compose(counts -> Future.all(IntStream.range(1, 4).mapToObj(i -> f.jobs.job("ahead-" + i)).toList()))
        .onComplete(test.succeeding(jobs -> test.verify(() -> {
          for (Job job : jobs.<Job>list()) {
            assertEquals(1, job.toJson().getJsonObject("result").getInteger("attempt"), job.id());
            assertEquals(0, job.errors().size(), job.id());
          }
          test.completeNow();
        })));
  }

  /** A handler whose attempts never end, counting how many began. */
  private static JobHandler hangs(AtomicInteger started) {
    return job -> {
      started.incrementAndGet();
      return Promise.<JsonObject>promise().future();
    };
  }
}
