package com.medcontracthub.jobs;

import static com.medcontracthub.jobs.QueueFixture.FAST;
import static com.medcontracthub.jobs.QueueFixture.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetriesTest extends QueueTest {

  @Test
  @DisplayName("a failing job is retried with growing backoff, then lands in the dead-letter queue with the error of "
      + "every attempt; re-driven, it runs again and completes")
  void backoffThenDeadLetterThenRedrive(VertxTestContext test) {
    List<Long> attemptsAt = new CopyOnWriteArrayList<>();
    AtomicBoolean fixed = new AtomicBoolean();
    JobHandler flaky = job -> {
      attemptsAt.add(System.currentTimeMillis());
      return fixed.get() ? Future.succeededFuture(new JsonObject().put("sent", true))
          : Future.failedFuture("the mail server said no (attempt " + job.attempt() + ")");
    };
    f.worker("mail", FAST, Map.of("send", flaky))
        .compose(w -> f.jobs.enqueue("mail", NewJob.of("send", data(1)).withId("mail-1")
            .withAttempts(3, Duration.ofMillis(200))))
        .compose(e -> f.jobWhen("mail-1", JobState.DEAD))
        .onSuccess(dead -> test.verify(() -> {
          JsonArray errors = dead.errors();
          assertEquals(3, errors.size(), "one error per attempt: " + errors);
          for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, errors.getJsonObject(i).getInteger("attempt"));
            assertEquals("the mail server said no (attempt " + (i + 1) + ")", errors.getJsonObject(i).getString("error"));
          }
          long first = attemptsAt.get(1) - attemptsAt.get(0);
          long second = attemptsAt.get(2) - attemptsAt.get(1);
          assertTrue(first >= 100 && first < 400, "the first retry waits half to all of 200 ms: " + first);
          assertTrue(second >= 200 && second < 600, "the second retry waits half to all of 400 ms: " + second);
        }))
        .compose(dead -> f.jobs.counts("mail"))
        .onSuccess(counts -> test.verify(() -> assertEquals(1, counts.dead())))
        .compose(counts -> {
          fixed.set(true);
          return f.jobs.redrive("mail", null);
        })
        .onSuccess(count -> test.verify(() -> assertEquals(1, count)))
        .compose(count -> f.jobWhen("mail-1", JobState.COMPLETED))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(new JsonObject().put("sent", true), done.toJson().getJsonObject("result"));
          assertEquals(1, done.attempts(), "a re-driven job starts its attempts again");
          assertEquals(3, done.errors().size(), "its earlier errors are kept");
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a postponed job waits its delay and runs again, the attempt not counted, the reason kept among its "
      + "last 50 errors: postponed 60 times on a single attempt, it still completes")
  void postponed(VertxTestContext test) {
    List<Long> runsAt = new CopyOnWriteArrayList<>();
    JobHandler waiting = job -> {
      runsAt.add(System.currentTimeMillis());
      return runsAt.size() > 60 ? Future.succeededFuture(new JsonObject().put("sent", true))
          : Future.failedFuture(new Postponed("the mail server is out (" + runsAt.size() + ")", 1));
    };
    f.worker("later", FAST, Map.of("send", waiting))
        .compose(w -> f.jobs.enqueue("later", NewJob.of("send", data(1)).withId("later-1")
            .withAttempts(1, Duration.ofMillis(200))))
        .compose(e -> f.jobWhen("later-1", JobState.COMPLETED))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(61, runsAt.size());
          assertEquals(1, done.attempts(), "60 postponements spent no attempt of the one it has");
          JsonArray errors = done.errors();
          assertEquals(Job.MAX_ERRORS, errors.size(), "the last 50 reasons");
          assertEquals("the mail server is out (60)", errors.getJsonObject(errors.size() - 1).getString("error"));
          assertEquals("the mail server is out (11)", errors.getJsonObject(0).getString("error"));
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a job of a type no handler runs fails at once, saying which types the worker runs")
  void unknownType(VertxTestContext test) {
    f.worker("misc", FAST, Map.of("resize", job -> Future.succeededFuture(new JsonObject())))
        .compose(w -> f.jobs.enqueue("misc", NewJob.of("transcode", data(1)).withId("misc-1")))
        .compose(e -> f.jobWhen("misc-1", JobState.FAILED))
        .onComplete(test.succeeding(failed -> test.verify(() -> {
          assertEquals(1, failed.attempts(), "not retried");
          assertEquals("no handler for job type 'transcode' in queue 'misc'; this worker runs: resize",
              failed.toJson().getJsonArray("errors").getJsonObject(0).getString("error"));
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a job whose stored data does not decode fails with the decoding error, and can still be looked at")
  void undecodable(VertxTestContext test) {
    f.jobs.pause("broken")
        .compose(v -> f.jobs.enqueue("broken", NewJob.of("note", data(1)).withId("broken-1")))
        .compose(e -> f.line.send(Request.cmd(Command.HSET).arg(f.prefix + ":job:broken-1").arg("data").arg("{\"n\": 1")))
        .compose(r -> f.worker("broken", FAST, Map.of("note", job -> Future.succeededFuture(new JsonObject()))))
        .compose(w -> f.jobs.resume("broken"))
        .compose(v -> f.jobWhen("broken-1", JobState.FAILED))
        .onComplete(test.succeeding(failed -> test.verify(() -> {
          String error = failed.errors().getJsonObject(0).getString("error");
          assertTrue(error.startsWith("the job's data is not a JSON object"), error);
          assertEquals("{\"n\": 1", failed.toJson().getString("data"));
          test.completeNow();
        })));
  }
}
