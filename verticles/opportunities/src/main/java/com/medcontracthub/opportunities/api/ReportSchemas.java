package com.medcontracthub.opportunities.api;

import static com.medcontracthub.platform.bus.Consumers.CREATED;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What the pipeline reports' REST-facing addresses declare for the gateway's OpenAPI document. */
public final class ReportSchemas {

  /** A report as the routes answer it. */
  private static final JsonObject REPORT = new JsonObject("""
      {"type": "object", "required": ["id", "week", "entries", "bytes", "createdAt", "file"], "properties": {
        "id": {"type": "string", "format": "uuid"},
        "week": {"type": ["string", "null"], "description": "the Monday of a weekly report's week; null when asked for"},
        "entries": {"type": "integer", "description": "the opportunities it lists"},
        "bytes": {"type": "integer"}, "requestedBy": {"type": ["string", "null"]}, "createdAt": {"type": "string"},
        "file": {"type": "string", "description": "where its PDF is downloaded"}}}""");

  public static final JsonObject LIST = new JsonObject()
      .put("summary", "the tenant's pipeline reports, newest first (the last 100)")
      .put("response", new JsonObject().put("type", "object").put("required", new JsonArray().add("reports"))
          .put("properties", new JsonObject().put("reports", new JsonObject().put("type", "array").put("items", REPORT))));

  public static final JsonObject CREATE = new JsonObject()
      .put("summary", "make a PDF report of the tenant's pipeline as it is now")
      .put("status", CREATED).put("response", REPORT);

  private ReportSchemas() {
  }
}
