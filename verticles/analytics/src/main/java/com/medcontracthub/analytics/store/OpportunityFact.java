package com.medcontracthub.analytics.store;

/**
 * What opportunities are counted by: a fact of each notice, listed in the summary under {@link #key}, each group named
 * by its {@link #label}.
 */
public enum OpportunityFact {
  DEPARTMENT("byDepartment", "department", "department"),
  NAICS("byNaics", "naics", "naics"),
  SET_ASIDE("bySetAside", "setAside", "set_aside"),
  POSTED_MONTH("byPostedMonth", "month", "substring(posted_day, 1, 7)");

  public final String key;
  public final String label;
  final String expression;

  OpportunityFact(String key, String label, String expression) {
    this.key = key;
    this.label = label;
    this.expression = expression;
  }
}
