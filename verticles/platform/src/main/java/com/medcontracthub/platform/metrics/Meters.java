package com.medcontracthub.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Where the product's own metrics go ({@code mch_<service>_<thing>_<unit>}, docs/monitoring.md), and the latency
 * buckets they share, so that one objective reads the same boundaries on every service.
 */
public final class Meters {

  /**
   * From half a millisecond to ten seconds: an event-bus hop takes well under a millisecond and a request that takes
   * ten seconds has timed out. Fixed buckets rather than Micrometer's percentile histogram keep a series to 14 lines.
   */
  public static final Duration[] LATENCY_BUCKETS = LongStream.of(500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000,
      100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000)
      .mapToObj(micros -> Duration.ofNanos(micros * 1_000)).toArray(Duration[]::new);

  private static final Set<String> KAFKA_KEPT = Set.of("kafka.consumer.fetch.manager.records.lag",
      "kafka.consumer.fetch.manager.records.lag.max", "kafka.consumer.fetch.manager.records.consumed.total",
      "kafka.consumer.fetch.manager.fetch.latency.max");

  /**
   * Of the ~90 series each Kafka consumer's client metrics bring, the ones the rules, dashboards and autoscalers read:
   * lag per partition and its largest, records consumed, fetch latency. The rest would cost Prometheus storage for
   * nothing.
   */
  static final MeterFilter KAFKA_ESSENTIALS = MeterFilter.deny(id -> id.getName().startsWith("kafka.")
      && !KAFKA_KEPT.contains(id.getName()));

  private Meters() {
  }

  /**
   * A Prometheus registry for a Vert.x instance's metrics, its filters in place before Vert.x registers the first
   * meter (a filter added later does not apply to the meters already there).
   */
  public static PrometheusMeterRegistry newPrometheusRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(KAFKA_ESSENTIALS);
    return registry;
  }

  /** The JVM's Prometheus registry; without metrics (some tests) the global registry, which records nothing. */
  public static MeterRegistry registry() {
    MeterRegistry backend = BackendRegistries.getDefaultNow();
    return backend != null ? backend : Metrics.globalRegistry;
  }
}
