package com.medcontracthub.ai.analysis;

import io.vertx.core.json.JsonObject;

/**
 * One thing a solicitation asks of an offeror, as written: its kind, what it says (the words matched), and the
 * sentence it was found in, with where that sentence is: the page of an uploaded document, or (all null) the notice's
 * own text.
 */
public record Requirement(String kind, String value, String sentence, Integer page, String documentId,
    String fileName) {

  /** The same requirement, found in that document. */
  public Requirement in(String document, String name) {
    return new Requirement(kind, value, sentence, page, document, name);
  }

  /** As {@link #toJson()} wrote it. */
  public static Requirement of(JsonObject json) {
    return new Requirement(json.getString("kind"), json.getString("value"), json.getString("sentence"),
        json.getInteger("page"), json.getString("documentId"), json.getString("fileName"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind).put("value", value).put("sentence", sentence).put("page", page)
        .put("documentId", documentId).put("fileName", fileName);
  }
}
