package com.medcontracthub.ai.api;

import com.medcontracthub.platform.schema.ServiceSchemas;
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

  private AiSchemas() {
  }
}
