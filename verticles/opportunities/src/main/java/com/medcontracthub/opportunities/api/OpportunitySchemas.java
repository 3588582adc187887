package com.medcontracthub.opportunities.api;

import com.medcontracthub.opportunities.store.OpportunityStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What the search and lookup addresses declare for the gateway's OpenAPI document. */
public final class OpportunitySchemas {

  /** A notice as the search and the lookup answer it: the fields clients rely on (SAM.gov's others pass through). */
  public static final JsonObject OPPORTUNITY = new JsonObject("""
      {"type": "object", "required": ["noticeId", "naicsCodes", "active"], "properties": {
        "noticeId": {"type": "string"}, "title": {"type": ["string", "null"]},
        "solicitationNumber": {"type": ["string", "null"]}, "agency": {"type": ["string", "null"]},
        "postedDate": {"type": ["string", "null"]}, "responseDeadline": {"type": ["string", "null"]},
        "setAside": {"type": ["string", "null"]}, "naicsCodes": {"type": "array", "items": {"type": "string"}},
        "psc": {"type": ["string", "null"]}, "active": {"type": "boolean"},
        "supersededBy": {"type": ["string", "null"], "description": "the notice of the amendment that replaced it"}}}""");

  public static final JsonObject SEARCH = new JsonObject()
      .put("summary", "current notices matching the query parameters (docs/api.md), a page at a time")
      .put("response", new JsonObject().put("type", "object").put("required", new JsonArray().add("items"))
          .put("properties", new JsonObject()
              .put("items", new JsonObject().put("type", "array").put("items", OPPORTUNITY))
              .put("nextCursor", new JsonObject().put("type", new JsonArray().add("string").add("null"))
                  .put("description", "the cursor parameter of the next page; null on the last"))));

  public static final JsonObject GET = new JsonObject().put("summary", "one notice by its SAM.gov notice id")
      .put("response", OPPORTUNITY.copy().put("properties", OPPORTUNITY.getJsonObject("properties").copy()
          .put("versions", new JsonObject("""
              {"type": "array", "items": {"type": "string"}, "maxItems": %d,
               "description": "the other notices of its solicitation (what it amends, what amends it), oldest first"}              """.formatted(OpportunityStore.MAX_VERSIONS)))));

  private OpportunitySchemas() {
  }
}
