package com.medcontracthub.jobs;

import static com.medcontracthub.jobs.QueueFixture.FAST;
import static com.medcontracthub.jobs.QueueFixture.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Limits hold across workers: each worker here has its own Redis connections, as one in another JVM would. */
class LimitsTest extends QueueTest {

  @Test
  @DisplayName("one job at a time per group across two workers, while different groups run side by side")
  void groupConcurrency(VertxTestContext test) {
    Map<String, AtomicInteger> runningPerGroup = new ConcurrentHashMap<>();
    Map<String, Integer> mostPerGroup = new ConcurrentHashMap<>();
    AtomicInteger runningAll = new AtomicInteger();
    AtomicInteger mostAll = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    JobHandler handler = job -> {
      String tenant = job.data().getString("tenant");
      int inGroup = runningPerGroup.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
      mostPerGroup.merge(tenant, inGroup, Math::max);
      mostAll.accumulateAndGet(runningAll.incrementAndGet(), Math::max);
      return f.vertx.timer(30).map(t -> {
        runningPerGroup.get(tenant).decrementAndGet();
        runningAll.decrementAndGet();
        done.incrementAndGet();
        return new JsonObject();
      });
    };
    QueueOptions onePerTenant = QueueOptions.DEFAULTS.withConcurrency(0, 1);
    Future.all(IntStream.range(0, 20).mapToObj(i -> f.jobs.enqueue("digests",
            NewJob.of("digest", new JsonObject().put("tenant", "t" + i % 2)).inGroup("t" + i % 2))).toList())
        .compose(v -> f.worker("digests", onePerTenant, FAST, Map.of("digest", handler), JobListener.NONE))
        .compose(v -> f.worker("digests", onePerTenant, FAST, Map.of("digest", handler), JobListener.NONE))
        .compose(v -> f.countsWhen("digests", counts -> counts.completedTotal() == 20, "twenty digests completed"))
        .onComplete(test.succeeding(counts -> test.verify(() -> {
          assertEquals(Map.of("t0", 1, "t1", 1), mostPerGroup, "at most one job at a time per tenant");
          assertEquals(2, mostAll.get(), "the two tenants' jobs ran side by side");
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a rate limit shared by two queues holds for both together, across two workers")
  void sharedRateLimit(VertxTestContext test) {
    List<Long> startedAt = new CopyOnWriteArrayList<>();
    JobHandler send = job -> {
      startedAt.add(System.currentTimeMillis());
      return Future.succeededFuture(new JsonObject());
    };
    QueueOptions viaSmtp = QueueOptions.DEFAULTS.withSharedLimit("smtp");
    f.jobs.defineSharedLimit("smtp", 5, 1_000)
        .compose(v -> Future.all(IntStream.range(0, 20).mapToObj(i -> f.jobs.enqueue(i % 2 == 0 ? "alerts" : "reports",
            NewJob.of("send", data(i)))).toList()))
        .compose(v -> f.worker("alerts", viaSmtp, FAST, Map.of("send", send), JobListener.NONE))
        .compose(v -> f.worker("reports", viaSmtp, FAST, Map.of("send", send), JobListener.NONE))
        .compose(v -> f.countsWhen("alerts", counts -> counts.completedTotal() == 10, "ten alerts sent"))
        .compose(v -> f.countsWhen("reports", counts -> counts.completedTotal() == 10, "ten reports sent"))
        .onComplete(test.succeeding(v -> test.verify(() -> {
          List<Long> sorted = startedAt.stream().sorted().toList();
          // windows of 1 s start with their first send: four windows hold twenty sends, so the last one starts 3 s
          // or more after the first, and no 1 s holds more than 5 sends from one window plus 5 from the next
          long span = sorted.get(19) - sorted.get(0);
          assertTrue(span >= 2_900, "twenty sends at five a second took only " + span + " ms");
          for (int i = 0; i + 10 < sorted.size(); i++) {
            assertTrue(sorted.get(i + 10) - sorted.get(i) >= 900, "eleven sends within a second: " + sorted);
          }
          assertEquals(20, startedAt.size(), "each job sent once");
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a queue's concurrency holds across two workers that each have room for more")
  void queueConcurrency(VertxTestContext test) {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    JobHandler handler = job -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      return f.vertx.timer(20).map(t -> {
        running.decrementAndGet();
        return new JsonObject();
      });
    };
    QueueOptions three = QueueOptions.DEFAULTS.withConcurrency(3, 0);
    Future.all(IntStream.range(0, 30).mapToObj(i -> f.jobs.enqueue("thumbs", NewJob.of("thumb", data(i)))).toList())
        .compose(v -> f.worker("thumbs", three, FAST.withConcurrency(10), Map.of("thumb", handler), JobListener.NONE))
        .compose(v -> f.worker("thumbs", three, FAST.withConcurrency(10), Map.of("thumb", handler), JobListener.NONE))
        .compose(v -> f.countsWhen("thumbs", counts -> counts.completedTotal() == 30, "thirty thumbnails made"))
        .onComplete(test.succeeding(v -> test.verify(() -> {
          assertEquals(3, most.get());
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("long jobs are not taken ahead: four on two workers of two slots each all start at once")
  void noPrefetchOfLongJobs(VertxTestContext test) {
    List<Long> startedAt = new CopyOnWriteArrayList<>();
    JobHandler slow = job -> {
      startedAt.add(System.currentTimeMillis());
      return f.vertx.timer(300).map(t -> new JsonObject());
    };
    WorkerOptions twoSlots = FAST.withConcurrency(2);
    f.worker("long", twoSlots, Map.of("slow", slow))
        .compose(v -> f.worker("long", twoSlots, Map.of("slow", slow)))
        .compose(v -> Future.all(IntStream.range(0, 4).mapToObj(i -> f.jobs.enqueue("long", NewJob.of("slow", data(i))))
            .toList()))
        .compose(v -> f.countsWhen("long", counts -> counts.completedTotal() == 4, "four slow jobs completed"))
        .onComplete(test.succeeding(v -> test.verify(() -> {
          List<Long> sorted = startedAt.stream().sorted().toList();
          assertTrue(sorted.get(3) - sorted.get(0) < 150, "a job waited behind another: started at " + sorted);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a rate per group holds each group to its own rate, and one group's rate does not slow another")
  void groupRate(VertxTestContext test) {
    JobHandler handler = job -> Future.succeededFuture(new JsonObject());
    QueueOptions twoPerHalfSecond = QueueOptions.DEFAULTS.withGroupRate(2, Duration.ofMillis(500));
    Future.all(IntStream.range(0, 12).mapToObj(i -> f.jobs.enqueue("exports",
            NewJob.of("export", new JsonObject().put("tenant", "t" + i % 2)).inGroup("t" + i % 2))).toList())
        .compose(v -> f.worker("exports", twoPerHalfSecond, FAST, Map.of("export", handler), JobListener.NONE))
        .compose(v -> f.countsWhen("exports", counts -> counts.completedTotal() == 12, "twelve exports"))
        .compose(v -> f.jobs.list("exports", JobState.COMPLETED, 100))
        .onComplete(test.succeeding(jobs -> test.verify(() -> {
          // the queue's own start times, on Redis' clock: the handler's clock would add the delivery's jitter
          Map<String, List<Long>> startedAt = jobs.stream().collect(Collectors.groupingBy(Job::group,
              Collectors.mapping(job -> job.startedAt().toEpochMilli(), Collectors.toList())));
          for (List<Long> starts : startedAt.values()) {
            List<Long> sorted = starts.stream().sorted().toList();
            assertEquals(6, sorted.size());
            // windows of 500 ms with 2 starts each: the 5th start of a group comes 1 s or more after its 1st
            assertTrue(sorted.get(4) - sorted.get(0) >= 1_000, "a group started faster than its rate: " + sorted);
          }
          long firstOf0 = startedAt.get("t0").stream().min(Long::compare).orElseThrow();
          long firstOf1 = startedAt.get("t1").stream().min(Long::compare).orElseThrow();
          assertTrue(Math.abs(firstOf0 - firstOf1) < 200, "the groups start together: " + startedAt);
          test.completeNow();
        })));
  }
}
