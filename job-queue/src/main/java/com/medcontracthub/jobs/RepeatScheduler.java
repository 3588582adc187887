package com.medcontracthub.jobs;

import com.cronutils.model.time.ExecutionTime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enqueues each {@link Repeat}'s job at its slots. Any number of schedulers may run: a slot is taken in Redis by the
 * first one (the enqueue script compares it with the last slot taken), so its job is enqueued once in the cluster. At
 * start it catches up the latest slot it missed, once, however many passed while no scheduler ran; a slot Redis does not
 * take is tried again until the next one is due.
 */
public final class RepeatScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(RepeatScheduler.class);
  static final long RETRY_MS = 1_000;

  private final Vertx vertx;
  private final JobQueue queue;
  private final List<Long> timers = new ArrayList<>();
  private boolean stopped;

  private RepeatScheduler(Vertx vertx, JobQueue queue) {
    this.vertx = vertx;
    this.queue = queue;
  }

  /** Starts on the caller's context (or a new one); ready once every repeat's missed slot was caught up. */
  public static Future<RepeatScheduler> start(Vertx vertx, JobQueue queue, List<Repeat> repeats) {
    RepeatScheduler scheduler = new RepeatScheduler(vertx, queue);
    Promise<RepeatScheduler> started = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> Future.all(repeats.stream().map(scheduler::begin).toList())
        .map(scheduler).onComplete(started));
    return started.future();
  }

  public void stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
  }

  private Future<Void> begin(Repeat repeat) {
    // whole seconds: a cron slot has none of the clock's fraction, so every scheduler computes the same slots
    ZonedDateTime now = ZonedDateTime.now(repeat.zone()).truncatedTo(ChronoUnit.SECONDS);
    // the latest slot up to now, now included (cron-utils' lastExecution excludes its argument)
    Optional<ZonedDateTime> last = repeat.executionTime().lastExecution(now.plusSeconds(1));
    Future<Void> caughtUp = last.isEmpty() ? Future.succeededFuture()
        : enqueue(repeat, last.get(), true).mapEmpty();
    return caughtUp.onComplete(v -> scheduleNext(repeat, now));
  }

  private void scheduleNext(Repeat repeat, ZonedDateTime after) {
    ExecutionTime times = repeat.executionTime();
    Optional<ZonedDateTime> next = times.nextExecution(after);
    if (stopped || next.isEmpty()) {
      return;
    }
    long inMs = Math.max(1, Duration.between(ZonedDateTime.now(repeat.zone()), next.get()).toMillis());
    timers.add(vertx.setTimer(inMs, id -> {
      timers.remove(id);
      fire(repeat, next.get());
      scheduleNext(repeat, next.get());
    }));
  }

  /** Enqueues a slot's job, trying again every {@value #RETRY_MS} ms while Redis does not answer, until the next slot. */
  private void fire(Repeat repeat, ZonedDateTime slot) {
    enqueue(repeat, slot, false).onFailure(e -> {
      ZonedDateTime following = repeat.executionTime().nextExecution(slot).orElse(slot.plusDays(1));
      if (!stopped && ZonedDateTime.now(repeat.zone()).plusNanos(RETRY_MS * 1_000_000).isBefore(following)) {
        timers.add(vertx.setTimer(RETRY_MS, id -> {
          timers.remove(id);
          fire(repeat, slot);
        }));
      }
    });
  }

  private Future<JobQueue.Enqueued> enqueue(Repeat repeat, ZonedDateTime slot, boolean catchUp) {
    return queue.enqueueForSlot(repeat.queue(), repeat.jobFor(slot), repeat.name(), slot.toInstant().toEpochMilli(),
            catchUp)
        .onSuccess(e -> {
          if (e.added()) {
            LOG.info("repeat {}: enqueued job {} for its slot {}", repeat.name(), e.id(), slot);
          }
        })
        .onFailure(e -> LOG.warn("repeat {}: cannot enqueue its slot {}: {}", repeat.name(), slot, e.getMessage()));
  }
}
