package com.medcontracthub.jobs;

import static com.medcontracthub.jobs.QueueFixture.FAST;
import static com.medcontracthub.jobs.QueueFixture.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JobQueueTest extends QueueTest {

  @Test
  @DisplayName("jobs run by priority, a higher one first, and in arrival order within a priority")
  void priorities(VertxTestContext test) {
    List<String> ran = new CopyOnWriteArrayList<>();
    List<NewJob> jobs = List.of(NewJob.of("note", data(1)).withId("a"), NewJob.of("note", data(2)).withId("b").withPriority(5),
        NewJob.of("note", data(3)).withId("c"), NewJob.of("note", data(4)).withId("d").withPriority(5),
        NewJob.of("note", data(5)).withId("e").withPriority(10));
    Future.all(jobs.stream().map(job -> f.jobs.enqueue("order", job)).toList())
        .compose(v -> f.jobs.list("order", JobState.WAITING, 10))
        .onSuccess(waiting -> test.verify(() -> assertEquals(List.of("e", "b", "d", "a", "c"),
            waiting.stream().map(Job::id).toList(), "the waiting list shows the order they will run in")))
        .compose(v -> f.worker("order", FAST.withConcurrency(1), Map.of("note", job -> {
          ran.add(job.id());
          return Future.succeededFuture(new JsonObject());
        })))
        .compose(w -> Eventually.until(f.vertx, () -> ran.size() == 5, 5_000, "five jobs run"))
        .onComplete(test.succeeding(v -> test.verify(() -> {
          assertEquals(List.of("e", "b", "d", "a", "c"), ran);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a job id de-duplicates: the second enqueue of it adds nothing and answers the first job's id")
  void deduplicates(VertxTestContext test) {
    f.jobs.enqueue("dedupe", NewJob.of("note", data(1)).withId("invoice-7"))
        .compose(first -> f.jobs.enqueue("dedupe", NewJob.of("note", data(2)).withId("invoice-7"))
            .map(second -> List.of(first, second)))
        .compose(both -> f.jobs.job("invoice-7").compose(job -> f.jobs.counts("dedupe")
            .onSuccess(counts -> test.verify(() -> {
              assertTrue(both.get(0).added());
              assertFalse(both.get(1).added());
              assertEquals("invoice-7", both.get(1).id());
              assertEquals(1, job.toJson().getJsonObject("data").getInteger("n"), "the first job's data stays");
              assertEquals(1, counts.waiting());
            }))))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("delayed jobs start within 100 ms of their time, never before it")
  void delayed(VertxTestContext test) {
    List<Long> lateness = new CopyOnWriteArrayList<>();
    JobListener listener = new JobListener() {
      @Override
      public void started(TakenJob job, long waitedMs) {
        lateness.add(waitedMs);
      }
    };
    f.worker("later", QueueOptions.DEFAULTS, FAST, Map.of("note", job -> Future.succeededFuture(new JsonObject())), listener)
        .compose(w -> Future.all(IntStream.range(0, 10).mapToObj(i -> f.jobs.enqueue("later",
            NewJob.of("note", data(i)).delayedBy(Duration.ofMillis(300 + 150L * i)))).toList()))
        .compose(v -> Eventually.until(f.vertx, () -> lateness.size() == 10, 10_000, "ten delayed jobs run"))
        .onComplete(test.succeeding(v -> test.verify(() -> {
          assertTrue(lateness.stream().allMatch(ms -> ms < 100), "started after their time by " + lateness + " ms");
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a paused queue keeps its jobs waiting; resumed, it runs them")
  void pauseAndResume(VertxTestContext test) {
    List<String> ran = new CopyOnWriteArrayList<>();
    f.jobs.pause("paused")
        .compose(v -> f.worker("paused", FAST, Map.of("note", job -> {
          ran.add(job.id());
          return Future.succeededFuture(new JsonObject());
        })))
        .compose(w -> f.jobs.enqueue("paused", NewJob.of("note", data(1))))
        .compose(e -> f.jobs.counts("paused"))
        .onSuccess(counts -> test.verify(() -> {
          assertTrue(counts.paused());
          assertEquals(1, counts.waiting());
          assertEquals(List.of(), ran);
        }))
        .compose(v -> f.jobs.resume("paused"))
        .compose(v -> Eventually.until(f.vertx, () -> ran.size() == 1, 5_000, "the job run after resuming"))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("a queue keeps only as many completed jobs as its retention says; older ones are removed")
  void retention(VertxTestContext test) {
    QueueOptions keepFive = QueueOptions.DEFAULTS.withRetention(5, Duration.ofDays(1), 5, Duration.ofDays(1));
    Future.all(IntStream.range(0, 20)
            .mapToObj(i -> f.jobs.enqueue("kept", NewJob.of("note", data(i)).withId("kept-" + i))).toList())
        .compose(v -> f.worker("kept", keepFive, FAST.withConcurrency(1), Map.of("note",
            job -> Future.succeededFuture(new JsonObject().put("done", job.id()))), JobListener.NONE))
        .compose(w -> f.countsWhen("kept", counts -> counts.completedTotal() == 20, "twenty jobs completed"))
        .compose(counts -> f.jobs.job("kept-0").compose(first -> f.jobs.job("kept-19")
            .onSuccess(last -> test.verify(() -> {
              assertEquals(5, counts.completed());
              assertEquals(20, counts.completedTotal());
              assertNull(first, "the oldest completed job is gone");
              assertEquals("completed", last.toJson().getString("state"));
              assertEquals("kept-19", last.toJson().getJsonObject("result").getString("done"));
            }))))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("bad jobs are refused when enqueued, with what is wrong")
  void refusesBadJobs(VertxTestContext test) {
    test.verify(() -> {
      assertTrue(assertThrows(IllegalArgumentException.class, () -> NewJob.of("has space", data(1)))
          .getMessage().contains("type"));
      assertTrue(assertThrows(IllegalArgumentException.class, () -> NewJob.of("note", data(1)).withPriority(1001))
          .getMessage().contains("priority must be 0 to 1000"));
    });
    String big = "x".repeat(JobQueue.MAX_DATA_BYTES);
    f.jobs.enqueue("Bad Name", NewJob.of("note", data(1)))
        .onComplete(test.failing(e -> test.verify(() -> assertTrue(e.getMessage().contains("a queue's name")))))
        .recover(e -> f.jobs.enqueue("big", NewJob.of("note", new JsonObject().put("text", big))))
        .onComplete(test.failing(e -> test.verify(() -> {
          assertTrue(e.getMessage().contains("at most " + JobQueue.MAX_DATA_BYTES + " bytes"));
          test.completeNow();
        })));
  }
}
