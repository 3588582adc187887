package com.medcontracthub.analytics.store;

import com.medcontracthub.codecs.DailyCounts;
import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.codecs.OpportunityChanges;
import com.medcontracthub.codecs.PipelineStages;
import java.util.List;
import java.util.UUID;

/**
 * The analytics SQL, in one place for both stores ({@link Dialect} says where they differ). ClickHouse may hold an
 * event twice until its background merge collapses them, and reading {@code FINAL} costs a merge of the whole table on
 * every query (18 s for a summary over 10 million events on ClickHouse 18.16), so every query gives the same answer
 * with an event stored twice: events are counted by distinct id ({@link Dialect#countEvents}), notices and documents
 * by distinct aggregate, and times are taken as the largest or smallest.
 */
public final class AnalyticsSql {

  private static final String EVENTS = "events";

  static final String VERSIONS = "schema_versions";
  /** The events table's columns, in the order of its migration. */
  static final String EVENT_COLUMNS = "event_id, type, source, tenant_id, aggregate_id, notice_id, state, version, pages,"
      + " occurred_ms, day, month, payload, department, naics, set_aside, posted_day, step";

  private AnalyticsSql() {
  }

  /** The store's migrations, in order: migration {@code i + 1} is {@code migrations(d).get(i)}. */
  static List<String> migrations(Dialect d) {
    return List.of("CREATE TABLE IF NOT EXISTS events (event_id " + d.text + d.eventKey + ", type " + d.text
        + ", source " + d.text + ", tenant_id " + d.text + ", aggregate_id " + d.text + ", notice_id " + d.text
        + ", state " + d.text + ", version " + d.int32 + ", pages " + d.int32 + ", occurred_ms " + d.int64
        + ", day " + d.text + ", month " + d.text + ", payload " + d.text + ")" + d.eventsEngine,
        d.addTextColumns("events", "department", "naics", "set_aside", "posted_day", "step"));
  }

  static String versionsTable(Dialect d) {
    return "CREATE TABLE IF NOT EXISTS " + VERSIONS + " (version " + d.int32 + ")" + d.versionsEngine;
  }

  static final String APPLIED = "SELECT coalesce(max(version), 0) AS applied FROM " + VERSIONS;

  static String recordVersion(int version) {
    return "INSERT INTO " + VERSIONS + " (version) VALUES (" + version + ")";
  }

  /** Each opportunity of the tenant's pipeline at its latest stage, counted by stage. */
  public static String pipelineStages(UUID tenant) {
    return "SELECT stage, count(*) AS opportunities FROM (SELECT aggregate_id, argMax(state, version) AS stage FROM "
        + EVENTS + " WHERE type = 'PipelineStageChanged' AND tenant_id = '" + tenant + "' GROUP BY aggregate_id)"
        + " GROUP BY stage ORDER BY stage";
  }

  /** The moves the tenant's users made on the pipeline board, each event once. */
  public static String pipelineMoves(Dialect d, UUID tenant) {
    return "SELECT " + d.countEvents() + " AS moves FROM " + EVENTS + " WHERE type = 'PipelineStageChanged'"
        + " AND tenant_id = '" + tenant + "'";
  }

  /**
   * Opportunities inserted, updated or superseded, by the month of the change (notices are public: every tenant sees
   * these); a republished event (a backfill's) is no change.
   */
  public static String opportunitiesByMonth() {
    return "SELECT month, state AS change, count(DISTINCT aggregate_id) AS opportunities FROM " + EVENTS
        + " WHERE type = 'OpportunityChanged' AND state <> '" + OpportunityChanges.REPUBLISHED + "'"
        + " GROUP BY month, state ORDER BY month, change";
  }

  /**
   * Opportunities counted by one of their facts, each notice once with the facts of its latest event, the
   * {@code limit} largest groups first. Notices whose events carry no facts yet (written before events had them) are
   * left out until republished.
   */
  public static String opportunitiesBy(OpportunityFact fact, int limit) {
    return "SELECT fact AS " + fact.label + ", count(*) AS opportunities FROM (SELECT aggregate_id, argMax("
        + fact.expression + ", occurred_ms) AS fact FROM " + EVENTS + " WHERE type = 'OpportunityChanged' AND"
        + " posted_day <> '' GROUP BY aggregate_id) GROUP BY fact ORDER BY opportunities DESC, fact LIMIT " + limit;
  }

  /**
   * What the store holds as {@link DailyCounts}, rows of {@code aggregate, day, n}: opportunities by posted day (each
   * notice once, by its latest event's facts; those whose events carry none yet are missing, which reconciling shows),
   * pipeline moves and documents uploaded by the day they happened.
   */
  public static String dailyCounts(Dialect d) {
    return "SELECT '" + DailyCounts.OPPORTUNITY + "' AS aggregate, fact AS day, count(*) AS n FROM (SELECT"
        + " aggregate_id, argMax(posted_day, occurred_ms) AS fact FROM " + EVENTS + " WHERE type ="
        + " 'OpportunityChanged' AND posted_day <> '' GROUP BY aggregate_id) GROUP BY fact"
        + " UNION ALL SELECT '" + DailyCounts.PIPELINE_MOVE + "' AS aggregate, day, " + d.countEvents() + " AS n FROM "
        + EVENTS
        + " WHERE type = 'PipelineStageChanged' GROUP BY day"
        + " UNION ALL SELECT '" + DailyCounts.DOCUMENT + "' AS aggregate, day, count(DISTINCT aggregate_id) AS n FROM "
        + EVENTS + " WHERE type = 'DocumentUploaded' GROUP BY day";
  }

  /** The tenant's documents at the end of their processing, by how it ended. */
  public static String documentsByState(UUID tenant) {
    return "SELECT state, count(DISTINCT aggregate_id) AS documents FROM " + EVENTS
        + " WHERE type = 'DocumentProcessed' AND tenant_id = '" + tenant + "' GROUP BY state ORDER BY state";
  }

  /**
   * From upload to the end of processing, over the tenant's documents that got there: p50, p95 and the longest. A
   * document is uploaded once (its one {@code DocumentUploaded}, stored once or twice), so the largest of its upload
   * events' times is its upload time (ClickHouse finds no common type for an Int64 column and a large literal, which a
   * min with a sentinel needs).
   */
  public static String documentTimes(Dialect d, UUID tenant) {
    return "SELECT count(*) AS documents, " + d.quantile("ms", 0.5) + " AS p50_ms, " + d.quantile("ms", 0.95)
        + " AS p95_ms, max(ms) AS max_ms FROM (SELECT aggregate_id, max(CASE WHEN type = 'DocumentProcessed' THEN"
        + " occurred_ms ELSE 0 END) - max(CASE WHEN type = 'DocumentUploaded' THEN occurred_ms ELSE 0 END) AS ms FROM "
        + EVENTS + " WHERE tenant_id = '" + tenant + "' AND type IN ('DocumentUploaded', 'DocumentProcessed')"
        + " GROUP BY aggregate_id HAVING max(CASE WHEN type = 'DocumentProcessed' THEN 1 ELSE 0 END) = 1"
        + " AND max(CASE WHEN type = 'DocumentUploaded' THEN 1 ELSE 0 END) = 1)";
  }

  /**
   * How long each step of the tenant's documents' processing took, from its first attempt's start to its end (retries
   * included, as the uploader waits through them): per step, the documents whose step ended, p50, p95 and the longest.
   * Events stored before steps had a column of their own (step empty) are left out.
   */
  public static String stepTimes(Dialect d, UUID tenant) {
    return "SELECT step, count(*) AS documents, " + d.quantile("ms", 0.5) + " AS p50_ms, " + d.quantile("ms", 0.95)
        + " AS p95_ms, max(ms) AS max_ms FROM (SELECT aggregate_id, step, max(CASE WHEN state = '" + DocumentSteps.DONE
        + "' THEN occurred_ms ELSE 0 END) - min(occurred_ms) AS ms FROM " + EVENTS + " WHERE type ="
        + " 'DocumentStepChanged' AND tenant_id = '" + tenant + "' AND step <> '' AND state IN ('"
        + DocumentSteps.RUNNING + "', '"
        + DocumentSteps.DONE + "') GROUP BY aggregate_id, step HAVING sum(CASE WHEN state = '" + DocumentSteps.DONE
        + "' THEN 1 ELSE 0 END) > 0) GROUP BY step ORDER BY step";
  }

  /**
   * A metric in buckets of {@code interval} over {@code [fromMs, toMs)}: rows of {@code bucket} (labelled as
   * {@link Interval} labels them: the day and month columns as they are, an hour as its first millisecond) and
   * {@code value}, only for buckets with events.
   */
  public static String timeseries(Dialect d, Metric metric, Interval interval, UUID tenant, long fromMs, long toMs) {
    String bucket = switch (interval) {
      case HOUR -> d.hourStart("occurred_ms");
      case DAY -> "day";
      case MONTH -> "month";
    };
    String counted = switch (metric) {
      case PIPELINE_MOVES -> d.countEvents() + " AS value FROM " + EVENTS + " WHERE type = 'PipelineStageChanged'"
          + " AND tenant_id = '" + tenant + "'";
      case PIPELINE_WON -> "count(DISTINCT aggregate_id) AS value FROM " + EVENTS + " WHERE type ="
          + " 'PipelineStageChanged' AND state = '" + PipelineStages.WON + "' AND tenant_id = '" + tenant + "'";
      case DOCUMENTS_PROCESSED -> "count(DISTINCT aggregate_id) AS value FROM " + EVENTS + " WHERE type ="
          + " 'DocumentProcessed' AND tenant_id = '" + tenant + "'";
      case OPPORTUNITIES_CHANGED -> "count(DISTINCT aggregate_id) AS value FROM " + EVENTS + " WHERE type ="
          + " 'OpportunityChanged' AND state <> '" + OpportunityChanges.REPUBLISHED + "'";
    };
    return "SELECT " + bucket + " AS bucket, " + counted + " AND occurred_ms >= " + fromMs + " AND occurred_ms < "
        + toMs + " GROUP BY bucket ORDER BY bucket";
  }
}
