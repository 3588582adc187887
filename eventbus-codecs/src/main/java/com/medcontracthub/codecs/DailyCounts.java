package com.medcontracthub.codecs;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How many of each kind of thing a store holds, by UTC day ({@code YYYY-MM-DD}), so stores that should agree can be
 * compared: {@code {"<aggregate>": {"<day>": count}}}. PostgreSQL is the record ({@link #RECORD}); the analytics store
 * and the AI index are derived from its events ({@link #DERIVED}).
 */
public final class DailyCounts {

  /** Opportunities by the day SAM.gov posted them. */
  public static final String OPPORTUNITY = "opportunity";
  /** Pipeline moves by the day they were made. */
  public static final String PIPELINE_MOVE = "pipeline-move";
  /** Documents by the day they were uploaded. */
  public static final String DOCUMENT = "document";
  /** Notices that are current and open (what the AI index can find), under {@link #ALL_DAYS}. */
  public static final String OPEN_OPPORTUNITY = "open-opportunity";
  /** The "day" of a count that is not kept by day. */
  public static final String ALL_DAYS = "all";

  /** A store, where to ask it for its counts, and the kinds it counts (a kind it holds none of, it may leave out). */
  public record Source(String name, String address, List<String> kinds) {
  }

  public static final List<Source> RECORD = List.of(
      new Source("postgresql", Addresses.OPPORTUNITIES_DAILY_COUNTS, List.of(OPPORTUNITY, PIPELINE_MOVE,
          OPEN_OPPORTUNITY)),
      new Source("postgresql", Addresses.DOCUMENTS_DAILY_COUNTS, List.of(DOCUMENT)));
  public static final List<Source> DERIVED = List.of(
      new Source("analytics", Addresses.ANALYTICS_DAILY_COUNTS, List.of(OPPORTUNITY, PIPELINE_MOVE, DOCUMENT)),
      new Source("ai-index", Addresses.AI_DAILY_COUNTS, List.of(OPEN_OPPORTUNITY)));

  private DailyCounts() {
  }

  /** Adds one count to counts of this shape, {@code counts} itself. */
  public static JsonObject put(JsonObject counts, String aggregate, String day, long count) {
    JsonObject days = counts.getJsonObject(aggregate);
    if (days == null) {
      days = new JsonObject();
      counts.put(aggregate, days);
    }
    days.put(day, count);
    return counts;
  }
}
