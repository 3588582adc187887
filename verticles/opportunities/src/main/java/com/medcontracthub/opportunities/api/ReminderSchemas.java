package com.medcontracthub.opportunities.api;

import io.vertx.core.json.JsonObject;

/** What the deadline reminders' REST-facing addresses declare for the gateway's OpenAPI document. */
public final class ReminderSchemas {

  /** The caller's reminders as every route answers them. */
  private static final JsonObject REMINDERS = new JsonObject("""
      {"type": "object", "required": ["enabled", "daysBefore", "hour"], "properties": {
        "enabled": {"type": "boolean"},
        "daysBefore": {"type": "array", "items": {"type": "integer"},
          "description": "the days before a deadline, in the user's time zone, on which a reminder names it"},
        "hour": {"type": "integer", "description": "the hour of the day, in the user's time zone, reminders go out"},
        "timeZone": {"type": "string", "description": "when enabled"},
        "email": {"type": "string", "description": "when enabled: the address reminders go to"}}}""");

  public static final JsonObject GET = new JsonObject()
      .put("summary", "the caller's e-mail reminders of the response deadlines in the tenant's bid pipeline")
      .put("response", REMINDERS);

  public static final JsonObject START = new JsonObject()
      .put("summary", "turn the caller's deadline reminders on, in a time zone, to the address they log in with")
      .put("body", new JsonObject("""
          {"type": "object", "additionalProperties": false, "required": ["timeZone"], "properties": {
            "timeZone": {"type": "string", "description": "e.g. America/New_York, or UTC"}}}"""))
      .put("response", REMINDERS);

  public static final JsonObject STOP = new JsonObject()
      .put("summary", "turn the caller's deadline reminders off")
      .put("response", REMINDERS);

  private ReminderSchemas() {
  }
}
