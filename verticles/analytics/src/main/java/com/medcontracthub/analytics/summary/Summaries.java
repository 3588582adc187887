package com.medcontracthub.analytics.summary;

import com.medcontracthub.analytics.store.AnalyticsSql;
import com.medcontracthub.analytics.store.AnalyticsStore;
import com.medcontracthub.analytics.store.Dialect;
import com.medcontracthub.analytics.store.OpportunityFact;
import com.medcontracthub.codecs.PipelineStages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant's numbers, read from whichever store the service runs on, in one shape. */
public final class Summaries {

  /** The most groups a count by a fact shows (the largest). */
  static final int GROUPS = 50;

  /** How long the notices' counts are answered again before they are counted anew. */
  static final Duration NOTICES_FRESH = Duration.ofMinutes(1);
  /** A count of the notices is no request's: it may take longer than one waits (5.6 s at 10 million events). */
  private static final long NOTICES_TIMEOUT_MS = 60_000;

  private final AnalyticsStore store;
  private final Clock clock;
  /** The last count of the notices and when it was started; a count on its way (null: none). */
  private JsonObject counted;
  private Instant countedAt;
  private Future<JsonObject> counting;

  public Summaries(AnalyticsStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The pipeline (opportunities by their latest stage, the moves made, and the win rate: won over won and lost, null
   * before either), the opportunities ({@link #notices}), and the documents processed (by how it ended, the time from
   * upload to the end of processing and of each step of it: p50, p95 and the longest, null when none got there).
   */
  public Future<JsonObject> of(UUID tenant) {
    Dialect d = store.dialect();
    Future<List<JsonObject>> stages = store.query(AnalyticsSql.pipelineStages(tenant));
    Future<List<JsonObject>> moves = store.query(AnalyticsSql.pipelineMoves(d, tenant));
    Future<List<JsonObject>> documents = store.query(AnalyticsSql.documentsByState(tenant));
    Future<List<JsonObject>> times = store.query(AnalyticsSql.documentTimes(d, tenant));
    Future<List<JsonObject>> steps = store.query(AnalyticsSql.stepTimes(d, tenant));
    Future<JsonObject> notices = notices();
    return Future.all(List.of(stages, moves, documents, times, steps, notices)).map(done -> {
      JsonObject stepTimes = new JsonObject();
      steps.result().forEach(row -> stepTimes.put(row.getString("step"), times(row)));
      return new JsonObject()
          .put("pipeline", pipeline(stages.result()).put("moves", number(moves.result().get(0), "moves")))
          .put("opportunities", notices.result().copy())
          .put("documents", new JsonObject()
              .put("byState", rows(documents.result(), "state", "documents"))
              .put("processingMs", times(times.result().get(0)))
              .put("stepsMs", stepTimes));
    });
  }

  /**
   * Opportunities changed by month and counted by department, NAICS, set-aside and posted month (the {@value #GROUPS}
   * largest groups; an empty set-aside is none). Notices are public, so these are every tenant's: one count serves all
   * of them for {@link #NOTICES_FRESH}. Each count scans every notice's events (seconds at millions of events), so
   * once there is a count, an older one answers while the next is taken, and a count that fails leaves the last one.
   */
  private Future<JsonObject> notices() {
    Instant now = clock.instant();
    boolean fresh = counted != null && !now.isBefore(countedAt) && now.isBefore(countedAt.plus(NOTICES_FRESH));
    if (!fresh && counting == null) {
      Future<JsonObject> count = countNotices();
      counting = count;
      count.onComplete(done -> {
        if (done.succeeded()) {
          counted = done.result();
          countedAt = now;
        }
        counting = null;
      });
    }
    return counted != null ? Future.succeededFuture(counted) : counting;
  }

  private Future<JsonObject> countNotices() {
    Future<List<JsonObject>> months = store.query(AnalyticsSql.opportunitiesByMonth(), NOTICES_TIMEOUT_MS);
    Map<OpportunityFact, Future<List<JsonObject>>> byFact = new EnumMap<>(OpportunityFact.class);
    for (OpportunityFact fact : OpportunityFact.values()) {
      byFact.put(fact, store.query(AnalyticsSql.opportunitiesBy(fact, GROUPS), NOTICES_TIMEOUT_MS));
    }
    List<Future<?>> all = new ArrayList<>(byFact.values());
    all.add(months);
    return Future.all(all).map(done -> {
      JsonObject opportunities = new JsonObject().put("byMonth", rows(months.result(), "month", "change",
          "opportunities"));
      byFact.forEach((fact, rows) -> opportunities.put(fact.key, rows(rows.result(), fact.label, "opportunities")));
      return opportunities;
    });
  }

  private static JsonObject pipeline(List<JsonObject> stages) {
    long won = count(stages, PipelineStages.WON);
    long lost = count(stages, PipelineStages.LOST);
    return new JsonObject().put("stages", rows(stages, "stage", "opportunities")).put(PipelineStages.WON, won).put(PipelineStages.LOST, lost)
        .put("winRate", won + lost == 0 ? null : (double) won / (won + lost));
  }

  private static long count(List<JsonObject> stages, String stage) {
    return stages.stream().filter(row -> stage.equals(row.getString("stage")))
        .mapToLong(row -> number(row, "opportunities")).sum();
  }

  private static JsonObject times(JsonObject row) {
    long documents = number(row, "documents");
    JsonObject times = new JsonObject().put("documents", documents);
    for (String key : List.of("p50", "p95", "max")) {
      times.put(key, documents == 0 ? null : number(row, key + "_ms"));
    }
    return times;
  }

  /** The rows with the named columns, counts as whole numbers whichever store answered. */
  private static JsonArray rows(List<JsonObject> rows, String... columns) {
    JsonArray shown = new JsonArray();
    for (JsonObject row : rows) {
      JsonObject kept = new JsonObject();
      for (String column : columns) {
        Object value = row.getValue(column);
        kept.put(column, value instanceof Number ? (Object) number(row, column) : value);
      }
      shown.add(kept);
    }
    return shown;
  }

  private static long number(JsonObject row, String column) {
    return ((Number) row.getValue(column)).longValue();
  }
}
