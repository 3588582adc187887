package com.medcontracthub.opportunities.api;

import io.vertx.core.json.JsonObject;

/** What the pipeline e-mails' REST-facing addresses declare for the gateway's OpenAPI document. */
public final class PipelineEmailSchemas {

  /** The caller's pipeline e-mails as every route answers them. */
  private static final JsonObject SETTINGS = new JsonObject("""
      {"type": "object", "required": ["deadlineReminders", "weeklyReport", "daysBefore", "hour"], "properties": {
        "deadlineReminders": {"type": "boolean"},
        "weeklyReport": {"type": "boolean", "description": "the tenant's pipeline report as PDF, on Mondays"},
        "daysBefore": {"type": "array", "items": {"type": "integer"},
          "description": "the days before a deadline, in the user's time zone, on which a reminder names it"},
        "hour": {"type": "integer", "description": "the hour of the day, in the user's time zone, the e-mails go out"},
        "timeZone": {"type": "string", "description": "once set"},
        "email": {"type": "string", "description": "once set: the address the e-mails go to"}}}""");

  public static final JsonObject GET = new JsonObject()
      .put("summary", "the caller's e-mails about the tenant's bid pipeline: deadline reminders and the weekly report")
      .put("response", SETTINGS);

  public static final JsonObject SET = new JsonObject()
      .put("summary", "set the caller's pipeline e-mails, in a time zone, to the address they log in with")
      .put("body", new JsonObject("""
          {"type": "object", "additionalProperties": false,
           "required": ["timeZone", "deadlineReminders", "weeklyReport"], "properties": {
            "timeZone": {"type": "string", "description": "e.g. America/New_York, or UTC"},
            "deadlineReminders": {"type": "boolean"}, "weeklyReport": {"type": "boolean"}}}"""))
      .put("response", SETTINGS);

  public static final JsonObject STOP = new JsonObject()
      .put("summary", "turn all of the caller's pipeline e-mails off")
      .put("response", SETTINGS);

  private PipelineEmailSchemas() {
  }
}
