package com.medcontracthub.analytics.reconcile;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code mch_analytics_reconcile_drift{store, aggregate}}: after the last reconciliation, how far a derived store is
 * from PostgreSQL for one kind of thing (the sum over days of each day's difference); NaN when the last one could not
 * compare it. Labels are the fixed names of {@link com.medcontracthub.codecs.DailyCounts}. The values live as long as
 * the registry (the JVM's), not as a verticle: one deployed again keeps the gauges it registered before.
 */
public final class DriftGauges {

  /** By registry (held no longer than it is), then by store and kind: each value a double's bits. */
  private static final Map<MeterRegistry, Map<String, AtomicLong>> VALUES = Collections.synchronizedMap(
      new WeakHashMap<>());

  private final MeterRegistry registry;

  public DriftGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void set(String store, String aggregate, long drift) {
    held(store, aggregate).set(Double.doubleToLongBits(drift));
  }

  void unknown(String store, String aggregate) {
    held(store, aggregate).set(Double.doubleToLongBits(Double.NaN));
  }

  private AtomicLong held(String store, String aggregate) {
    return VALUES.computeIfAbsent(registry, r -> new ConcurrentHashMap<>()).computeIfAbsent(store + "/" + aggregate,
        key -> {
          AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
          Gauge.builder("mch_analytics_reconcile_drift", bits, held -> Double.longBitsToDouble(held.get()))
              .description("How far a store derived from the events is from PostgreSQL, after the last reconciliation")
              .tag("store", store).tag("aggregate", aggregate).strongReference(true).register(registry);
          return bits;
        });
  }
}
