package com.medcontracthub.gateway.engine.plugins;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * The gateway's request metrics, {@code mch_gateway_requests_total{service, route, code, consumer}},
 * {@code mch_gateway_request_latency_seconds} and {@code mch_gateway_bandwidth_bytes_total}: written by the
 * {@code prometheus} plugin for declarative routes, and by the gateway for the routes its own code serves (login), so
 * one objective reads every route. Meters are looked up once per label values, not registered again on every answer.
 */
public final class RequestMeters {

  /** Kong's latency buckets: 20 per series where Micrometer's percentile histogram has 70, and the same as Kong's. */
  private static final Duration[] BUCKETS = LongStream.of(1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750,
      1_000, 2_000, 5_000, 10_000, 30_000, 60_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

  private final MeterRegistry registry;
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
  private final Map<String, Counter> bandwidths = new ConcurrentHashMap<>();

  public RequestMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** An answer with its status code. */
  public void answered(String service, String route, String consumer, int code) {
    requests.computeIfAbsent(key(service, route, consumer) + code, k -> Counter.builder("mch.gateway.requests")
        .description("Requests on the API's routes, by status")
        .tags("service", service, "route", route, "code", String.valueOf(code), "consumer", consumer)
        .register(registry)).increment();
  }

  /** From the request to the end of its answer. */
  public void took(String service, String route, String consumer, long nanos) {
    latencies.computeIfAbsent(key(service, route, consumer), k -> Timer.builder("mch.gateway.request.latency")
        .description("From the request to the end of its answer")
        .tags("service", service, "route", route, "consumer", consumer)
        .serviceLevelObjectives(BUCKETS)
        .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Bytes in ({@code ingress}) or out ({@code egress}). */
  public void bytes(String service, String route, String consumer, String direction, long bytes) {
    bandwidths.computeIfAbsent(key(service, route, consumer) + direction, k -> Counter.builder("mch.gateway.bandwidth")
        .baseUnit("bytes").description("Bytes in (ingress) and out (egress)")
        .tags("service", service, "route", route, "direction", direction, "consumer", consumer)
        .register(registry)).increment(bytes);
  }

  private static String key(String service, String route, String consumer) {
    return service + '\0' + route + '\0' + consumer + '\0';
  }
}
