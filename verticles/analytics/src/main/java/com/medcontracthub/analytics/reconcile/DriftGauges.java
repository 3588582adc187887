package com.medcontracthub.analytics.reconcile;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code mch_analytics_reconcile_drift{store, aggregate}}: after the last reconciliation, how far a derived store is
 * from PostgreSQL for one kind of thing (the sum over days of each day's difference). Labels are the fixed names of
 * {@link com.medcontracthub.codecs.DailyCounts}.
 */
public final class DriftGauges {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> drift = new ConcurrentHashMap<>();

  public DriftGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void set(String store, String aggregate, long value) {
    drift.computeIfAbsent(store + "/" + aggregate, key -> {
      AtomicLong held = new AtomicLong();
      Gauge.builder("mch_analytics_reconcile_drift", held, AtomicLong::get)
          .description("How far a store derived from the events is from PostgreSQL, after the last reconciliation")
          .tag("store", store).tag("aggregate", aggregate).register(registry);
      return held;
    }).set(value);
  }
}
