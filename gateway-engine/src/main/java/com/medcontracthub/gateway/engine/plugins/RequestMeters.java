package com.medcontracthub.gateway.engine.plugins;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.LongStream;

/**
 * The gateway's request metrics, {@code mch_gateway_requests_total{service, route, code, consumer}},
 * {@code mch_gateway_request_latency_seconds} and {@code mch_gateway_bandwidth_bytes_total}: written by the
 * {@code prometheus} plugin for declarative routes, and by the gateway for the routes its own code serves (login), so
 * one objective reads every route. A request looks its series up once; its meters are registered once.
 */
public final class RequestMeters {

  /** Kong's latency buckets: 20 per series where Micrometer's percentile histogram has 70, and the same as Kong's. */
  private static final Duration[] BUCKETS = LongStream.of(1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750,
      1_000, 2_000, 5_000, 10_000, 30_000, 60_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

  private static final int CODES = 600;

  private final MeterRegistry registry;
  private final Map<String, Series> series = new ConcurrentHashMap<>();

  public RequestMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The meters of one service, route and consumer (empty: none). */
  public Series of(String service, String route, String consumer) {
    return series.computeIfAbsent(service + '\0' + route + '\0' + consumer,
        key -> new Series(service, route, consumer));
  }

  /** One series' meters, each registered the first time it is used. */
  public final class Series {

    private final String service;
    private final String route;
    private final String consumer;
    /** By status code, without boxing one per request; a code past the array (none in HTTP) is looked up each time. */
    private final AtomicReferenceArray<Counter> byCode = new AtomicReferenceArray<>(CODES);
    private final Map<String, Counter> byDirection = new ConcurrentHashMap<>();
    private volatile Timer latency;

    private Series(String service, String route, String consumer) {
      this.service = service;
      this.route = route;
      this.consumer = consumer;
    }

    /** An answer with its status code. */
    public void answered(int code) {
      boolean kept = code >= 0 && code < CODES;
      Counter counter = kept ? byCode.get(code) : null;
      if (counter == null) {
        // registering again answers the registry's meter: two threads racing here count on the same one
        counter = Counter.builder("mch.gateway.requests").description("Requests on the API's routes, by status")
            .tags("service", service, "route", route, "code", String.valueOf(code), "consumer", consumer)
            .register(registry);
        if (kept) {
          byCode.set(code, counter);
        }
      }
      counter.increment();
    }

    /** From the request to the end of its answer. */
    public void took(long nanos) {
      Timer timer = latency;
      if (timer == null) {
        timer = Timer.builder("mch.gateway.request.latency").description("From the request to the end of its answer")
            .tags("service", service, "route", route, "consumer", consumer).serviceLevelObjectives(BUCKETS)
            .register(registry);
        latency = timer;
      }
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Bytes in ({@code ingress}) or out ({@code egress}). */
    public void bytes(String direction, long bytes) {
      byDirection.computeIfAbsent(direction, d -> Counter.builder("mch.gateway.bandwidth")
          .baseUnit("bytes").description("Bytes in (ingress) and out (egress)")
          .tags("service", service, "route", route, "direction", d, "consumer", consumer)
          .register(registry)).increment(bytes);
    }
  }
}
