package com.medcontracthub.codecs.jobs;

import com.medcontracthub.codecs.Addresses;
import java.util.List;
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

  /**
   * Every move of every tenant's pipeline (those made since {@code params.since}, a date, if given) published again
   * to Kafka from the event store, each under its own event id.
   */
  public static final String PIPELINE_REPUBLISH = "opportunities.pipeline-republish";

  /**
   * Everything the services keep, published to Kafka again: the backfills {@code mch backfill kafka} enqueues (with
   * {@code --follow}, each once the one before it ended).
   */
  public static final String KAFKA = "kafka";

  /**
   * Every opportunity published to Kafka again, so the AI service reads each and indexes those its index lacks or
   * holds otherwise: its index rebuilt after the embedding model changed (which empties it) or on a new disk.
   */
  public static final String VECTORS = "vectors";

  /**
   * Every opportunity and every pipeline move published to Kafka again, so the analytics service stores what it
   * lacks (what it has it drops by event id): its store rebuilt from PostgreSQL (on a new disk or ClickHouse). The AI
   * service reads the notices again too (its embedded index passes over those it holds unchanged).
   */
  public static final String ANALYTICS = "analytics";

  /** A backfill there is: what it does, and the parameters it takes (any other is refused). */
  public record Known(String description, Set<String> params) {
  }

  /**
   * Backfills run together under one name, for one purpose; {@code catchUp}, if not null, the event-bus address whose
   * consumer of what they publish is followed, with {@code --follow}, until it has caught up.
   */
  public record Group(String description, List<String> backfills, String catchUp) {
  }

  /** The backfills there are, by name. */
  public static final Map<String, Known> ALL = Map.of(OPPORTUNITIES_REPUBLISH, new Known(
      "publish every opportunity again to mch.opportunity.events (change 'republished', which notifies nobody), so "
          + "a consumer rebuilds what it keeps of them; since=YYYY-MM-DD: only those updated since then",
      Set.of(SINCE)),
      PIPELINE_REPUBLISH, new Known(
      "publish every pipeline move again to mch.pipeline.events, from the event store and under its own event id "
          + "(a consumer that has it drops it), so a new consumer sees every tenant's pipeline from its start; "
          + "since=YYYY-MM-DD: only the moves made since then", Set.of(SINCE)));

  /** The groups there are, by name. */
  public static final Map<String, Group> GROUPS = Map.of(
      KAFKA, new Group("every domain event published to Kafka again",
          List.of(OPPORTUNITIES_REPUBLISH, PIPELINE_REPUBLISH), null),
      VECTORS, new Group("the AI index rebuilt: every opportunity published again, so the AI service embeds and "
          + "indexes each its index lacks or holds otherwise", List.of(OPPORTUNITIES_REPUBLISH),
          Addresses.AI_OPPORTUNITY_EVENTS),
      ANALYTICS, new Group("the analytics store refilled: every opportunity and pipeline move published again, so the "
          + "analytics service stores what it lacks", List.of(OPPORTUNITIES_REPUBLISH, PIPELINE_REPUBLISH),
          Addresses.ANALYTICS_EVENTS));

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
