package com.medcontracthub.jobs;

import static com.medcontracthub.jobs.LeasesTest.DIES;
import static com.medcontracthub.jobs.QueueFixture.FAST;
import static com.medcontracthub.jobs.QueueFixture.data;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Jobs that record where they stand: taken up from there after a worker died, or run in slices. */
class CheckpointsTest extends QueueTest {

  @Test
  @DisplayName("the next attempt of a job whose worker died takes its work up from the last checkpoint it recorded")
  void resumesFromCheckpoint(VertxTestContext test) {
    AtomicInteger checkpoints = new AtomicInteger();
    JobHandler firstHalfThenHangs = job -> job.progress(50, new JsonObject().put("done", 500))
        .onSuccess(v -> checkpoints.incrementAndGet()).compose(v -> Promise.<JsonObject>promise().future());
    f.worker("backfills", DIES, Map.of("backfill", firstHalfThenHangs))
        .compose(dying -> f.jobs.enqueue("backfills", NewJob.of("backfill", data(1)).withId("backfill-1"))
            .compose(e -> Eventually.until(f.vertx, () -> checkpoints.get() == 1, 5_000, "the first worker's checkpoint"))
            .compose(v -> f.jobs.job("backfill-1"))
            .onSuccess(halfway -> test.verify(() -> assertEquals(new JsonObject().put("done", 500),
                halfway.toJson().getJsonObject("checkpoint"), "the checkpoint is on the job, for operators too")))
            .compose(v -> dying.stop()))
        .compose(v -> f.worker("backfills", FAST, Map.of("backfill", job -> Future.succeededFuture(
            new JsonObject().put("resumedFrom", job.checkpoint())))))
        .compose(w -> f.jobWhen("backfill-1", JobState.COMPLETED))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(new JsonObject().put("resumedFrom", new JsonObject().put("done", 500)),
              done.toJson().getJsonObject("result"));
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a job that continues later runs again from its checkpoint, behind the jobs that came meanwhile, the "
      + "attempt not counted and no error recorded, until it completes")
  void runsInSlices(VertxTestContext test) {
    List<String> ran = new ArrayList<>();
    JobHandler sliced = job -> {
      int slice = job.checkpoint() == null ? 0 : job.checkpoint().getInteger("slice");
      ran.add("slice " + slice + " of attempt " + job.attempt());
      Future<?> meanwhile = slice == 0 ? f.jobs.enqueue("slices", NewJob.of("other", data(2)).withId("other-1"))
          : Future.succeededFuture();
      return slice == 3 ? Future.succeededFuture(new JsonObject().put("slices", slice))
          : meanwhile.compose(v -> job.progress(slice * 30, new JsonObject().put("slice", slice + 1)))
              .compose(v -> Future.failedFuture(new ContinueLater()));
    };
    JobHandler other = job -> {
      ran.add("other");
      return Future.succeededFuture(new JsonObject());
    };
    f.worker("slices", FAST.withConcurrency(1).withPrefetch(0), Map.of("sliced", sliced, "other", other))
        .compose(w -> f.jobs.enqueue("slices", NewJob.of("sliced", data(1)).withId("sliced-1")
            .withAttempts(1, Duration.ofMillis(10))))
        .compose(e -> f.jobWhen("sliced-1", JobState.COMPLETED))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(new JsonObject().put("slices", 3), done.toJson().getJsonObject("result"));
          assertEquals(List.of("slice 0 of attempt 1", "other", "slice 1 of attempt 1", "slice 2 of attempt 1",
              "slice 3 of attempt 1"), ran, "one attempt of one allowed, in four slices, the other job between");
          assertEquals(0, done.errors().size());
          test.completeNow();
        })));
  }
}
