package com.medcontracthub.platform.metrics;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.AsyncResult;
import io.vertx.core.eventbus.ReplyException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Event-bus requests on their way to a service and back, per address and outcome ({@code ok}, {@code recipient_failure}
 * for a service that answered with a failure, {@code timeout}, {@code no_handlers}): the hop on-call looks at when an
 * API route is slow. Addresses are the product's constants, so the labels stay bounded.
 */
public final class BusRequests {

  public static final String METRIC = "mch_gateway_bus_request";

  private BusRequests() {
  }

  public static void record(String address, long startedNanos, AsyncResult<?> outcome) {
    Timer.builder(METRIC).description("An event-bus request from the gateway to its reply")
        .tags("address", address, "outcome", outcomeOf(outcome))
        .serviceLevelObjectives(Meters.LATENCY_BUCKETS)
        .register(Meters.registry())
        .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }

  static String outcomeOf(AsyncResult<?> outcome) {
    if (outcome.succeeded()) {
      return "ok";
    }
    return outcome.cause() instanceof ReplyException reply ? reply.failureType().name().toLowerCase(Locale.ROOT)
        : "error";
  }
}
