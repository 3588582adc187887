package com.medcontracthub.ai.analysis;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** A document of a tenant's notice and the requirements found in it, each with its page. */
public record AnalysedDocument(UUID documentId, UUID tenant, String noticeId, String fileName, int pages,
    List<Requirement> requirements) {

  /** As an analysis lists the documents it read. */
  public JsonObject toJson() {
    return new JsonObject().put("id", documentId.toString()).put("fileName", fileName).put("pages", pages);
  }
}
