package com.medcontracthub.platform.resilience;

import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.metrics.HeldGauge;
import com.medcontracthub.platform.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of a remote dependency that can fail for a while (a mail server, a store behind HTTP): after
 * {@code resilience.breaker-failures} calls in a row (within 10 s) failed by an outage of the dependency it opens, and
 * calls fail at once, without reaching it, for {@code resilience.breaker-reset-ms}; then it lets one call through
 * (half-open), whose success closes it and whose failure opens it again. A failure that is no outage (the dependency
 * answered: a message refused, an object rejected) counts as an answer. It retries nothing: none of the calls it guards
 * is safe to repeat inside itself (the job queue and Kafka's redelivery retry them, with jitter). Each call keeps its
 * own timeout; the breaker adds none.
 *
 * <p>Its state is {@code mch_circuit_breaker_state{breaker}} (0 closed, 1 half-open, 2 open) and each opening counts in
 * {@code mch_circuit_breaker_opened_total{breaker}}.
 */
public final class Breaker {

  private static final Logger LOG = LoggerFactory.getLogger(Breaker.class);
  private static final long FAILURES_WINDOW_MS = 10_000;

  /** Failures that say a dependency is out: a timeout or an I/O failure (refused, reset, closed) anywhere in the cause. */
  public static final Predicate<Throwable> NO_ANSWER = e -> {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException || cause instanceof IOException) {
        return true;
      }
    }
    return false;
  };

  private final CircuitBreaker breaker;
  private final String dependency;
  private final long resetMs;

  /**
   * {@code name}: the breaker's label on /metrics ({@code smtp}); {@code dependency}: what is called, as an error
   * names it ({@code the mail server}); {@code outage}: which failures say the dependency is out.
   */
  public Breaker(Vertx vertx, String name, String dependency, MchConfig.Resilience settings,
      Predicate<Throwable> outage) {
    this.dependency = dependency;
    this.resetMs = settings.breakerResetMs();
    Tags tags = Tags.of("breaker", name);
    HeldGauge state = HeldGauge.of(Meters.registry(), "mch_circuit_breaker_state",
        "A circuit breaker's state: 0 closed, 1 half-open (one call let through), 2 open (calls fail at once)", tags, 0);
    Counter opened = Counter.builder("mch_circuit_breaker_opened_total")
        .description("Times a circuit breaker opened: its dependency failed too often").tags(tags)
        .register(Meters.registry());
    state.set(0);
    this.breaker = CircuitBreaker.create(name, vertx, new CircuitBreakerOptions()
            .setMaxFailures(settings.breakerFailures())
            .setFailuresRollingWindow(FAILURES_WINDOW_MS)
            .setResetTimeout(resetMs)
            .setTimeout(-1)
            .setNotificationAddress(null))
        .failurePolicy(call -> call.failed() && outage.test(call.cause()))
        .openHandler(v -> {
          state.set(2);
          opened.increment();
          LOG.warn("circuit {} open: {} failed {} times within {} s; calls fail at once for {} ms", name, dependency,
              settings.breakerFailures(), FAILURES_WINDOW_MS / 1000, resetMs);
        })
        .halfOpenHandler(v -> state.set(1))
        .closeHandler(v -> {
          state.set(0);
          LOG.info("circuit {} closed: {} answers again", name, dependency);
        });
  }

  /** The call, through the breaker: while it is open, a failure saying so, without calling. */
  public <T> Future<T> call(Supplier<Future<T>> call) {
    return breaker.<T>execute(call).recover(e -> Future.failedFuture(e instanceof OpenCircuitException
        ? new DependencyUnavailable(dependency + " failed too often: not called for up to " + resetMs
            + " ms (circuit open)", resetMs)
        : e));
  }

  public CircuitBreakerState state() {
    return breaker.state();
  }

  /** Lets go of the breaker (its timers end with the verticle that made it). */
  public void close() {
    breaker.close();
  }

  /** A call not made: its dependency's breaker is open, and may let a call through within {@link #retryInMs}. */
  public static final class DependencyUnavailable extends RuntimeException {

    private final long retryInMs;

    DependencyUnavailable(String message, long retryInMs) {
      super(message, null, false, false);
      this.retryInMs = retryInMs;
    }

    public long retryInMs() {
      return retryInMs;
    }
  }
}
