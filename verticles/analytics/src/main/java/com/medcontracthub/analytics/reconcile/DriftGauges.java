package com.medcontracthub.analytics.reconcile;

import com.medcontracthub.platform.metrics.HeldGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * {@code mch_analytics_reconcile_drift{store, aggregate}}: after the last reconciliation, how far a derived store is
 * from PostgreSQL for one kind of thing (the sum over days of each day's difference); NaN when the last one could not
 * compare it. Labels are the fixed names of {@link com.medcontracthub.codecs.DailyCounts}.
 */
public final class DriftGauges {

  private final MeterRegistry registry;

  public DriftGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void set(String store, String aggregate, long drift) {
    held(store, aggregate).set(drift);
  }

  void unknown(String store, String aggregate) {
    held(store, aggregate).set(Double.NaN);
  }

  private HeldGauge held(String store, String aggregate) {
    return HeldGauge.of(registry, "mch_analytics_reconcile_drift", "How far a store derived from the events is from "
        + "PostgreSQL, after the last reconciliation", Tags.of("store", store, "aggregate", aggregate), Double.NaN);
  }
}
