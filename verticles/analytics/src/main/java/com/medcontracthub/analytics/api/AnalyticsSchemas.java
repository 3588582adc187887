package com.medcontracthub.analytics.api;

import com.medcontracthub.platform.schema.ServiceSchemas;
import io.vertx.core.json.JsonObject;

/** What the analytics service's REST-facing addresses declare ({@link ServiceSchemas}) for the gateway's OpenAPI. */
public final class AnalyticsSchemas {

  /** p50, p95 and the longest of some documents' times in milliseconds, null without documents. */
  private static final String TIMES = """
      {"type": "object", "required": ["documents", "p50", "p95", "max"], "properties": {
        "documents": {"type": "integer"}, "p50": {"type": ["integer", "null"]},
        "p95": {"type": ["integer", "null"]}, "max": {"type": ["integer", "null"]}}}""";

  /** Opportunities counted by one fact, named {@code label}: the 50 largest groups. */
  private static String countedBy(String label) {
    return """
        {"type": "array", "items": {"type": "object", "required": ["%1$s", "opportunities"], "properties": {
          "%1$s": {"type": "string"}, "opportunities": {"type": "integer"}}}}""".formatted(label);
  }

  public static final JsonObject SUMMARY = new JsonObject("""
      {"summary": "the caller's tenant's numbers: its pipeline, opportunities by month, department, NAICS and set-aside, \
      its documents processed and the time each step took",
       "response": {"type": "object", "required": ["pipeline", "opportunities", "documents"], "properties": {
         "pipeline": {"type": "object", "required": ["stages", "moves", "won", "lost", "winRate"], "properties": {
           "stages": {"type": "array", "items": {"type": "object", "required": ["stage", "opportunities"],
             "properties": {"stage": {"type": "string"}, "opportunities": {"type": "integer"}}}},
           "moves": {"type": "integer", "description": "moves made on the pipeline board"},
           "won": {"type": "integer"}, "lost": {"type": "integer"},
           "winRate": {"type": ["number", "null"], "description": "won / (won + lost); null before either"}}},
         "opportunities": {"type": "object",
           "required": ["byMonth", "byDepartment", "byNaics", "bySetAside", "byPostedMonth"], "properties": {
           "byMonth": {"type": "array", "items": {"type": "object", "required": ["month", "change", "opportunities"],
             "properties": {"month": {"type": "string", "description": "YYYY-MM, UTC"},
               "change": {"enum": ["inserted", "updated", "superseded"]}, "opportunities": {"type": "integer"}}}},
           "byDepartment": %s, "byNaics": %s,
           "bySetAside": %s, "byPostedMonth": %s}},
         "documents": {"type": "object", "required": ["byState", "processingMs", "stepsMs"], "properties": {
           "byState": {"type": "array", "items": {"type": "object", "required": ["state", "documents"],
             "properties": {"state": {"enum": ["processed", "failed"]}, "documents": {"type": "integer"}}}},
           "processingMs": %s,
           "stepsMs": {"type": "object", "additionalProperties": %s,
             "description": "by step (text, analysed, indexed): from its first attempt's start to its end"}}}}}}"""
      .formatted(countedBy("department"), countedBy("naics"), countedBy("setAside"), countedBy("month"), TIMES,
          TIMES));

  public static final JsonObject TIMESERIES = new JsonObject("""
      {"summary": "one of the caller's tenant's numbers over time, every bucket of the range (0 where nothing happened)",
       "response": {"type": "object", "required": ["metric", "interval", "from", "to", "points"], "properties": {
         "metric": {"enum": ["pipeline-moves", "pipeline-won", "documents-processed", "opportunities-changed"]},
         "interval": {"enum": ["hour", "day", "month"]},
         "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
         "points": {"type": "array", "items": {"type": "object", "required": ["at", "value"], "properties": {
           "at": {"type": "string", "description": "the bucket: 2026-12-07T08:00:00Z, 2026-12-07 or 2026-12 (UTC)"},
           "value": {"type": "integer"}}}}}}}""");

  private AnalyticsSchemas() {
  }
}
