package com.medcontracthub.analytics.store;

import java.util.Arrays;
import java.util.List;

/** What a time series counts ({@link AnalyticsSql#timeseries} says how). */
public enum Metric {

  /** Moves made on the tenant's pipeline board. */
  PIPELINE_MOVES("pipeline-moves"),
  /** The tenant's opportunities moved to won. */
  PIPELINE_WON("pipeline-won"),
  /** The tenant's documents whose processing ended (processed or failed). */
  DOCUMENTS_PROCESSED("documents-processed"),
  /** Notices inserted, updated or superseded: public, the same for every tenant. */
  OPPORTUNITIES_CHANGED("opportunities-changed");

  /** The names the API takes, in this order. */
  public static final List<String> NAMES = Arrays.stream(values()).map(Metric::shown).toList();

  private final String shown;

  Metric(String shown) {
    this.shown = shown;
  }

  public String shown() {
    return shown;
  }

  /** The metric of a name in {@link #NAMES}. */
  public static Metric named(String name) {
    return Arrays.stream(values()).filter(metric -> metric.shown.equals(name)).findFirst().orElseThrow();
  }
}
