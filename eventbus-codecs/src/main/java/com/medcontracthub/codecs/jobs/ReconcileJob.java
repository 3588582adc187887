package com.medcontracthub.codecs.jobs;

/**
 * A reconciliation (job type {@value #TYPE} on queue {@value #QUEUE}), run by an analytics JVM: what PostgreSQL holds
 * counted by kind and day against what the analytics store and the AI index hold. Its result: {@value #SOURCES} (each
 * store's status: answered, not running, or why it gave no answer), {@value #COMPLETE} (false when a running service
 * gave no answer), {@value #DRIFT} (per derived store and kind compared, the sum over days of how far each day is off)
 * and {@value #DAYS} (the days that differ, latest first, {@value #MAX_DAYS} at most).
 */
public final class ReconcileJob {

  public static final String QUEUE = "reconcile";
  public static final String TYPE = "analytics.reconcile";
  public static final String SOURCES = "sources";
  public static final String COMPLETE = "complete";
  public static final String DRIFT = "drift";
  public static final String DAYS = "days";
  public static final int MAX_DAYS = 200;

  private ReconcileJob() {
  }
}
