package com.medcontracthub.analytics.store;

import java.util.List;

/** What a time series counts ({@link AnalyticsSql#timeseries} says how). */
public enum Metric {

  /** Moves made on the tenant's pipeline board. */
  PIPELINE_MOVES,
  /** The tenant's opportunities moved to won. */
  PIPELINE_WON,
  /** The tenant's documents whose processing ended (processed or failed). */
  DOCUMENTS_PROCESSED,
  /** Notices inserted, updated or superseded: public, the same for every tenant. */
  OPPORTUNITIES_CHANGED;

  /** The names the API takes, in this order. */
  public static final List<String> NAMES = ApiNames.all(Metric.class);

  public String shown() {
    return ApiNames.of(this);
  }

  /** The metric of a name in {@link #NAMES}. */
  public static Metric named(String name) {
    return ApiNames.parse(Metric.class, name);
  }
}
