package com.medcontracthub.opportunities.api;

import static com.medcontracthub.platform.bus.Consumers.CREATED;

import com.medcontracthub.opportunities.saved.SavedSearchInput;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What the saved searches' REST-facing addresses declare for the gateway's OpenAPI document. */
public final class SavedSearchSchemas {

  /** A saved search as every route answers it. */
  public static final JsonObject SAVED_SEARCH = new JsonObject("""
      {"type": "object", "required": ["id", "name", "filters", "alerts", "timeZone", "createdBy", "createdAt", "updatedAt"],
       "properties": {
        "id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
        "alerts": {"enum": ["none", "daily", "weekly"]}, "timeZone": {"type": "string"},
        "filters": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "createdBy": {"type": "string", "format": "uuid"}, "createdAt": {"type": "string"},
        "updatedAt": {"type": "string"}}}""");

  public static final JsonObject LIST = new JsonObject()
      .put("summary", "the tenant's saved searches, by name")
      .put("response", new JsonObject().put("type", "object").put("required", new JsonArray().add("savedSearches"))
          .put("properties", new JsonObject().put("savedSearches",
              new JsonObject().put("type", "array").put("items", SAVED_SEARCH))));

  public static final JsonObject GET = new JsonObject().put("summary", "one saved search of the tenant")
      .put("response", SAVED_SEARCH);

  public static final JsonObject CREATE = written("save a search of the tenant").put("status", CREATED);

  public static final JsonObject UPDATE = written("change a saved search");

  public static final JsonObject DELETE = new JsonObject()
      .put("summary", "delete a saved search of the tenant")
      .put("response", new JsonObject("""
          {"type": "object", "required": ["deleted"], "properties": {"deleted": {"const": true}}}"""));

  private SavedSearchSchemas() {
  }

  /** What create and update take and answer (the checks stay the service's own: {@link SavedSearchInput}). */
  private static JsonObject written(String summary) {
    return new JsonObject().put("summary", summary).put("response", SAVED_SEARCH).put("body", new JsonObject()
        .put("type", "object").put("additionalProperties", false).put("required", new JsonArray().add("name").add("filters"))
        .put("properties", new JsonObject()
            .put("name", new JsonObject().put("type", "string").put("minLength", 1)
                .put("maxLength", SavedSearchInput.MAX_NAME))
            .put("filters", new JsonObject().put("type", "object")
                .put("description", "the query parameters of GET /api/v1/opportunities"))
            .put("alerts", new JsonObject().put("enum", new JsonArray(SavedSearchInput.ALERTS))
                .put("description", "e-mail digests of its new matches to its owner (none by default)"))
            .put("timeZone", new JsonObject().put("type", "string")
                .put("description", "the time zone of the digests' hour, e.g. America/New_York (UTC by default)"))));
  }
}
