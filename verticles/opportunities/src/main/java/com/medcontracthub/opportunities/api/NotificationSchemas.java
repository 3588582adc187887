package com.medcontracthub.opportunities.api;

import io.vertx.core.json.JsonObject;

/** What the notifications' REST-facing address declares for the gateway's OpenAPI document. */
public final class NotificationSchemas {

  public static final JsonObject LIST = new JsonObject("""
      {"summary": "the tenant's latest notifications, newest first (limit)",
       "response": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {
         "type": "object", "required": ["id", "kind", "createdAt"], "properties": {
           "id": {"type": "integer"}, "kind": {"type": "string", "description": "opportunity.updated, saved-search.match"},
           "noticeId": {"type": ["string", "null"]}, "detail": {"type": ["object", "null"]},
           "createdAt": {"type": "string"}}}}}}}""");

  private NotificationSchemas() {
  }
}
