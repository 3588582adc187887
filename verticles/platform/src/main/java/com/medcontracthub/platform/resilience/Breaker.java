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
import io.vertx.circuitbreaker.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of a remote dependency that can fail for a while (a mail server, a store behind HTTP): after
 * {@code resilience.breaker-failures} failed calls within 10 s it opens, and calls fail at once, without reaching the
 * dependency, for {@code resilience.breaker-reset-ms}; then it lets one call through (half-open), whose success closes
 * it and whose failure opens it again. A breaker made with retries retries a failed call (an idempotent one) after
 * exponentially growing, jittered delays. Each call keeps its own timeout; the breaker adds none.
 *
 * <p>Its state is {@code mch_circuit_breaker_state{breaker}} (0 closed, 1 half-open, 2 open) and each opening counts in
 * {@code mch_circuit_breaker_opened_total{breaker}}.
 */
public final class Breaker {

  private static final Logger LOG = LoggerFactory.getLogger(Breaker.class);
  private static final long FAILURES_WINDOW_MS = 10_000;
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 2_000;

  private final CircuitBreaker breaker;
  private final String dependency;
  private final long resetMs;

  /**
   * {@code name}: the breaker's label on /metrics ({@code smtp}); {@code dependency}: what is called, as an error
   * names it ({@code the mail server}); {@code retries}: how often a failed call is tried again (0 for a call that is
   * not idempotent).
   */
  public Breaker(Vertx vertx, String name, String dependency, MchConfig.Resilience settings, int retries) {
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
            .setMaxRetries(retries)
            .setNotificationAddress(null))
        .retryPolicy(RetryPolicy.exponentialDelayWithJitter(FIRST_RETRY_MS, MAX_RETRY_MS))
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
            + " ms (circuit open)")
        : e));
  }

  public CircuitBreakerState state() {
    return breaker.state();
  }

  /** Stops its timers. */
  public void close() {
    breaker.close();
  }

  /** A call not made: its dependency's breaker is open. */
  public static final class DependencyUnavailable extends RuntimeException {
    DependencyUnavailable(String message) {
      super(message, null, false, false);
    }
  }
}
