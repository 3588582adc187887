package com.medcontracthub.jobs;

import static com.medcontracthub.jobs.QueueFixture.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RepeatSchedulerTest extends QueueTest {

  @Test
  @DisplayName("with two schedulers running, a repeat's job is enqueued once per slot, for every slot")
  void oncePerSlot(VertxTestContext test) {
    Repeat everySecond = new Repeat("tick", "* * * * * *", ZoneOffset.UTC, "ticks", NewJob.of("tick", data(1)));
    Future.all(RepeatScheduler.start(f.vertx, f.jobs, List.of(everySecond)),
            RepeatScheduler.start(f.vertx, new JobQueue(f.line, f.prefix), List.of(everySecond)))
        .compose(both -> f.countsWhen("ticks", counts -> counts.waiting() >= 4, "four ticks")
            .onComplete(v -> both.<RepeatScheduler>list().forEach(RepeatScheduler::stop)))
        .compose(counts -> f.jobs.list("ticks", JobState.WAITING, 100))
        .onComplete(test.succeeding(jobs -> test.verify(() -> {
          TreeSet<Long> slots = jobs.stream().map(j -> Long.parseLong(j.id().substring("repeat:tick:".length())))
              .collect(Collectors.toCollection(TreeSet::new));
          assertEquals(jobs.size(), slots.size(), "one job per slot: " + jobs.stream().map(Job::id).toList());
          assertEquals(slots.last() - slots.first(), 1_000L * (slots.size() - 1), "no slot skipped: " + slots);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("after downtime a repeat catches up its latest missed slot once, and a new repeat has none to catch up")
  void catchesUpOnce(VertxTestContext test) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    long hourAgo = now.minusHours(1).truncatedTo(ChronoUnit.MINUTES).toInstant().toEpochMilli();
    long latestMinute = now.truncatedTo(ChronoUnit.MINUTES).toInstant().toEpochMilli();
    Repeat missed = new Repeat("hourly-report", "* * * * *", ZoneOffset.UTC, "catchup", NewJob.of("report", data(1)));
    Repeat fresh = new Repeat("new-report", "* * * * *", ZoneOffset.UTC, "catchup", NewJob.of("report", data(2)));
    f.line.send(Request.cmd(Command.SET).arg(f.prefix + ":repeat:hourly-report").arg(hourAgo))
        .compose(r -> RepeatScheduler.start(f.vertx, f.jobs, List.of(missed, fresh)))
        .compose(scheduler -> f.jobs.list("catchup", JobState.WAITING, 100).onComplete(v -> scheduler.stop()))
        .onComplete(test.succeeding(jobs -> test.verify(() -> {
          Set<String> ids = jobs.stream().map(Job::id).collect(Collectors.toSet());
          assertTrue(ids.equals(Set.of("repeat:hourly-report:" + latestMinute))
                  || ids.equals(Set.of("repeat:hourly-report:" + (latestMinute + 60_000))),
              "sixty missed slots, one job for the latest: " + ids);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a cron expression that does not parse is refused with the fields it should have")
  void badCron() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Repeat("r", "every monday", ZoneOffset.UTC, "q", NewJob.of("t", data(1))));
    assertTrue(e.getMessage().contains("five fields (minute hour day-of-month month day-of-week)"), e.getMessage());
  }
}
