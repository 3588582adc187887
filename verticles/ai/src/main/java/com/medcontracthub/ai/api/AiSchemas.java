package com.medcontracthub.ai.api;

import com.medcontracthub.ai.profile.Profile;
import com.medcontracthub.platform.schema.ServiceSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What the AI service's REST-facing addresses declare ({@link ServiceSchemas}) for the gateway's OpenAPI. */
public final class AiSchemas {

  private static final String HIT = """
      {"type": "object", "required": ["noticeId", "title", "score", "passage"], "properties": {
        "noticeId": {"type": "string"}, "title": {"type": "string"}, "agency": {"type": ["string", "null"]},
        "setAside": {"type": ["string", "null"]}, "naicsCodes": {"type": "array", "items": {"type": "string"}},
        "responseDeadline": {"type": ["string", "null"], "format": "date-time"},
        "score": {"type": "number", "description": "hybrid: the fused relative score, 0-1; keyword: BM25; semantic and similar: the cosine of the two embeddings"},
        "passage": {"type": "string", "description": "the sentence sharing the most words with the query (else the description's first), at most 300 characters"}}}""";

  public static final JsonObject SEARCH = new JsonObject("""
      {"summary": "current, open notices found by meaning, by words or both (mode: semantic, keyword, hybrid), under the opportunity filters (naics, setAside, agency, dueFrom, dueTo); q required (at most 200 characters), limit 1-50 (10)",
       "response": {"type": "object", "required": ["mode", "hits"], "properties": {
         "mode": {"enum": ["semantic", "keyword", "hybrid"]},
         "hits": {"type": "array", "items": %s}}}}""".formatted(HIT));

  public static final JsonObject SIMILAR = new JsonObject("""
      {"summary": "the current, open notices nearest in meaning to one, nearest first; limit 1-50 (10)",
       "response": {"type": "object", "required": ["noticeId", "hits"], "properties": {
         "noticeId": {"type": "string"},
         "hits": {"type": "array", "items": %s}}}}""".formatted(HIT));

  public static final JsonObject PASSAGES = new JsonObject("""
      {"summary": "passages of the caller's tenant's documents found by meaning, by words or both (mode: semantic, keyword, hybrid), of one notice's documents with noticeId; q required (at most 200 characters), limit 1-50 (10)",
       "response": {"type": "object", "required": ["mode", "hits"], "properties": {
         "mode": {"enum": ["semantic", "keyword", "hybrid"]},
         "hits": {"type": "array", "items": {"type": "object",
           "required": ["documentId", "fileName", "page", "passage", "score"], "properties": {
             "documentId": {"type": "string"}, "fileName": {"type": "string"},
             "noticeId": {"type": ["string", "null"]}, "page": {"type": "integer"},
             "passage": {"type": "string", "description": "the passage as indexed: about 700 characters of one page"},
             "score": {"type": "number"}}}}}}}""");

  private static final JsonObject PROFILE_SHAPE = new JsonObject()
      .put("type", "object").put("additionalProperties", false).put("required", new JsonArray().add("capability"))
      .put("properties", new JsonObject()
          .put("capability", new JsonObject().put("type", "string").put("minLength", 1)
              .put("maxLength", Profile.MAX_CAPABILITY).put("description", "what the company sells, in its own words"))
          .put("naics", new JsonObject().put("type", "array").put("maxItems", Profile.MAX_NAICS)
              .put("items", new JsonObject().put("type", "string").put("pattern", "^[0-9]{2,6}$")))
          .put("certifications", new JsonObject().put("type", "array")
              .put("items", new JsonObject().put("enum", new JsonArray(Profile.CERTIFICATIONS))))
          .put("pastWins", new JsonObject().put("type", "array").put("maxItems", Profile.MAX_PAST_WINS)
              .put("description", "contracts the company won, each in its own words (what, for whom, when)")
              .put("items", new JsonObject().put("type", "string").put("minLength", 1)
                  .put("maxLength", Profile.MAX_PAST_WIN))));

  public static final JsonObject PROFILE = new JsonObject()
      .put("summary", "the caller's tenant's capability profile (404 before one is set)").put("response", PROFILE_SHAPE);

  public static final JsonObject PROFILE_PUT = new JsonObject()
      .put("summary", "set the caller's tenant's capability profile, what its notices are scored against")
      .put("body", PROFILE_SHAPE).put("response", PROFILE_SHAPE);

  public static final JsonObject ANALYSIS_START = new JsonObject("""
      {"summary": "analyse a notice for the caller's tenant: its requirements and its fit to the tenant's profile; the result is stored (GET it) and pushed as an ai.analysis notification",
       "status": 202,
       "response": {"type": "object", "required": ["noticeId", "state", "requestedAt"], "properties": {
         "noticeId": {"type": "string"}, "state": {"const": "running"}, "requestedAt": {"type": "string"}}}}""");

  public static final JsonObject ANALYSIS = new JsonObject("""
      {"summary": "the caller's tenant's last analysis of a notice (404 before one is asked for)",
       "response": {"type": "object", "required": ["noticeId", "state", "requestedAt"], "properties": {
         "noticeId": {"type": "string"}, "state": {"enum": ["running", "done", "failed"]},
         "requestedAt": {"type": "string"}, "finishedAt": {"type": ["string", "null"]},
         "failure": {"type": ["string", "null"]},
         "requirements": {"type": "array", "items": {"type": "object", "required": ["kind", "value", "sentence"],
           "properties": {"kind": {"type": "string"}, "value": {"type": "string"}, "sentence": {"type": "string"},
             "page": {"type": ["integer", "null"]}, "documentId": {"type": ["string", "null"]},
             "fileName": {"type": ["string", "null"]}}}},
         "documents": {"type": "array", "description": "the tenant's documents of the notice whose requirements it read (those analysed, at most 10, the last analysed first)",
           "items": {"type": "object", "properties": {"id": {"type": "string"}, "fileName": {"type": "string"},
             "pages": {"type": "integer"}}}},
         "fit": {"type": ["object", "null"], "properties": {"score": {"type": "integer", "minimum": 0, "maximum": 100},
           "recommendation": {"enum": ["bid", "consider", "no-bid"]},
           "reasons": {"type": "array", "items": {"type": "object", "properties": {"points": {"type": "integer"},
             "reason": {"type": "string"}, "basis": {"enum": ["rule", "learned"]}}}}}},
         "fitMissing": {"type": ["string", "null"]}}}}""");

  private AiSchemas() {
  }
}
