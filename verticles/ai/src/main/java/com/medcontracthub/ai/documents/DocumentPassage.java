package com.medcontracthub.ai.documents;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A passage of a tenant's document, as the index keeps it: which document (its file and notice), the page it is on,
 * its place among the document's passages, and its text.
 */
public record DocumentPassage(UUID documentId, UUID tenant, String noticeId, String fileName, int page, int number,
    String text) {

  /** As a search shows it, with its score. */
  public JsonObject toJson(double score) {
    return new JsonObject().put("documentId", documentId.toString()).put("fileName", fileName)
        .put("noticeId", noticeId).put("page", page).put("passage", text).put("score", score);
  }
}
