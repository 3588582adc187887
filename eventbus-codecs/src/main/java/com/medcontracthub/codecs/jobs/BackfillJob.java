package com.medcontracthub.codecs.jobs;

import java.util.Map;
import java.util.Set;

/**
 * A backfill: a service walks all its data of one kind in batches and does something with each (publishes it again,
 * indexes it again), resumable from where a worker that died left it. Its job type is the backfill's name,
 * {@code <service>.<what>}; its queue is the owning service's ({@link #queue}), as only that service runs it. Data:
 * {@value #PARAMS} (what the backfill takes) and {@value #BATCH_SIZE}.
 */
public final class BackfillJob {

  public static final String PARAMS = "params";
  public static final String BATCH_SIZE = "batchSize";
  public static final int DEFAULT_BATCH_SIZE = 500;
  public static final int MAX_BATCH_SIZE = 10_000;

  /** Every opportunity (those updated since {@code params.since}, a date, if given) published again to Kafka. */
  public static final String OPPORTUNITIES_REPUBLISH = "opportunities.republish";
  public static final String SINCE = "since";

  /** A backfill there is: what it does, and the parameters it takes (any other is refused). */
  public record Known(String description, Set<String> params) {
  }

  /** The backfills there are, by name. */
  public static final Map<String, Known> ALL = Map.of(OPPORTUNITIES_REPUBLISH, new Known(
      "publish every opportunity again to mch.opportunity.events (change 'republished', which notifies nobody), so "
          + "a consumer rebuilds what it keeps of them; since=YYYY-MM-DD: only those updated since then",
      Set.of(SINCE)));

  private BackfillJob() {
  }

  /** The queue of a backfill's jobs: its service's, {@code backfills.<service>}. */
  public static String queue(String backfill) {
    int dot = backfill.indexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("a backfill is named <service>.<what>, not " + backfill);
    }
    return "backfills." + backfill.substring(0, dot);
  }
}
