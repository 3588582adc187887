package com.medcontracthub.worker.api;

import static com.medcontracthub.platform.bus.Consumers.CREATED;

import io.vertx.core.json.JsonObject;

/** What the jobs API declares ({@code ServiceSchemas}) for the gateway's OpenAPI document. */
public final class JobSchemas {

  private static final String JOB = """
      {"type": "object", "required": ["id", "queue", "type", "state", "attempts", "maxAttempts", "errors", "createdAt"],
       "properties": {
         "id": {"type": "string"}, "queue": {"type": "string"}, "type": {"type": "string"},
         "state": {"enum": ["waiting", "prioritized", "delayed", "active", "completed", "failed", "dead"]},
         "data": {}, "result": {}, "priority": {"type": "integer"}, "group": {"type": ["string", "null"]},
         "attempts": {"type": "integer"}, "maxAttempts": {"type": "integer"},
         "progress": {"type": "integer", "minimum": 0, "maximum": 100},
         "errors": {"type": "array", "items": {"type": "object", "properties": {
           "attempt": {"type": "integer"}, "at": {"type": "integer", "description": "epoch ms"},
           "error": {"type": "string"}}}},
         "createdAt": {"type": "string"}, "dueAt": {"type": ["string", "null"]},
         "startedAt": {"type": ["string", "null"]}, "finishedAt": {"type": ["string", "null"]},
         "worker": {"type": ["string", "null"], "description": "the worker that took it last: pid@host/worker"},
         "tenantId": {"type": ["string", "null"]}, "userId": {"type": ["string", "null"]}}}""";

  public static final JsonObject GET = new JsonObject()
      .put("summary", "one job the caller's tenant started: its state, attempts, progress, and result or errors")
      .put("response", new JsonObject(JOB));

  public static final JsonObject LIST = new JsonObject()
      .put("summary", "the newest jobs the caller's tenant started (query: queue, state, limit)")
      .put("response", new JsonObject("{\"type\": \"object\", \"required\": [\"jobs\"], \"properties\": "
          + "{\"jobs\": {\"type\": \"array\", \"items\": " + JOB + "}}}"));

  public static final JsonObject CREATE = new JsonObject("""
      {"summary": "enqueue a job of a known type for the caller's tenant (admins)",
       "body": {"type": "object", "additionalProperties": false, "required": ["type"], "properties": {
         "type": {"type": "string"}, "data": {"type": "object"},
         "id": {"type": "string", "description": "de-duplicates: a second job of this id is not added"},
         "priority": {"type": "integer", "minimum": 0, "maximum": 1000, "description": "a higher one runs first"},
         "delayMs": {"type": "integer", "minimum": 0}}},
       "response": {"type": "object", "required": ["id", "added", "queue", "status"], "properties": {
         "id": {"type": "string"}, "added": {"type": "boolean"}, "queue": {"type": "string"},
         "status": {"type": "string", "description": "where to follow it"}}}}""").put("status", CREATED);

  private JobSchemas() {
  }
}
