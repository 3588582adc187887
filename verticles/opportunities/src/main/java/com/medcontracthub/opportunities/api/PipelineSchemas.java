package com.medcontracthub.opportunities.api;

import com.medcontracthub.opportunities.pipeline.PipelineStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What the pipeline's REST-facing addresses declare for the gateway's OpenAPI document. */
public final class PipelineSchemas {

  /** An opportunity's pipeline entry as a move answers it; a read adds its history. */
  private static final JsonObject ENTRY = new JsonObject("""
      {"type": "object", "required": ["noticeId", "stage", "version"], "properties": {
        "noticeId": {"type": "string"},
        "stage": {"type": ["string", "null"], "description": "null when the opportunity is not in the pipeline"},
        "version": {"type": "integer", "minimum": 0}}}""");

  public static final JsonObject GET = new JsonObject()
      .put("summary", "an opportunity's stage in the tenant's bid pipeline, with every move")
      .put("response", ENTRY.copy().put("required", ENTRY.getJsonArray("required").copy().add("history"))
          .put("properties", ENTRY.getJsonObject("properties").copy().put("history", new JsonObject("""
              {"type": "array", "items": {"type": "object",
                "required": ["version", "eventId", "to", "by", "at"], "properties": {
                  "version": {"type": "integer"}, "eventId": {"type": "string"},
                  "from": {"type": ["string", "null"]}, "to": {"type": "string"}, "by": {"type": "string"},
                  "at": {"type": "string"}, "correlationId": {"type": ["string", "null"]}}}}"""))));

  public static final JsonObject LIST = new JsonObject()
      .put("summary", "the tenant's bid pipeline: every entry with its notice's title, agency and deadline, soonest "
          + "deadline first (the first " + PipelineStore.BOARD_LIMIT + ")")
      .put("response", new JsonObject("""
          {"type": "object", "required": ["entries", "total"], "properties": {
            "total": {"type": "integer", "description": "the tenant's entries, shown or not"},
            "entries": {"type": "array", "items": {"type": "object",
              "required": ["noticeId", "title", "stage", "version", "updatedAt"], "properties": {
                "noticeId": {"type": "string"}, "title": {"type": "string"}, "agency": {"type": ["string", "null"]},
                "responseDeadline": {"type": ["string", "null"]}, "stage": {"type": "string"},
                "version": {"type": "integer", "minimum": 1}, "updatedAt": {"type": "string"}}}}}}"""));

  /** What a move takes, for the gateway's OpenAPI document (the checks stay the service's own). */
  public static final JsonObject MOVE = new JsonObject()
      .put("summary", "move an opportunity to a stage of the tenant's bid pipeline")
      .put("body", new JsonObject().put("type", "object").put("additionalProperties", false)
          .put("required", new JsonArray().add("stage").add("expectedVersion"))
          .put("properties", new JsonObject()
              .put("stage", new JsonObject().put("enum", new JsonArray(PipelineStore.STAGES)))
              .put("expectedVersion", new JsonObject().put("type", "integer").put("minimum", 0))))
      .put("response", ENTRY);

  private PipelineSchemas() {
  }
}
