package com.medcontracthub.ai.analysis;

import io.vertx.core.json.JsonObject;

/**
 * One thing a solicitation asks of an offeror, as written: its kind, what it says (the words matched), and the
 * sentence it was found in, with the page of the document it came from (null: the notice's own text).
 */
public record Requirement(String kind, String value, String sentence, Integer page) {

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind).put("value", value).put("sentence", sentence).put("page", page);
  }
}
