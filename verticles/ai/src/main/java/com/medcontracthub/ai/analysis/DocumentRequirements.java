package com.medcontracthub.ai.analysis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The requirements a document states, page by page, found by {@link RequirementRules} (blocking: a worker's work). */
public final class DocumentRequirements {

  /** The characters of a document the rules read; past it, the rest of its pages are not read. */
  static final int MAX_DOCUMENT_TEXT = 1_000_000;
  /** The requirements a document, and an analysis, keep: the first found. */
  static final int MAX_REQUIREMENTS = 200;

  private final RequirementRules rules = new RequirementRules();

  /** {@code pages} as the OCR service stored them ({@code [{page, text}]}). */
  public List<Requirement> of(UUID documentId, String fileName, JsonArray pages) {
    List<Requirement> found = new ArrayList<>();
    long budget = MAX_DOCUMENT_TEXT;
    for (Object stored : pages) {
      JsonObject page = (JsonObject) stored;
      String text = page.getString("text", "");
      if (budget <= 0) {
        break;
      }
      budget -= text.length();
      rules.find(text, page.getInteger("page")).forEach(r -> found.add(r.in(documentId.toString(), fileName)));
    }
    return capped(RequirementRules.distinct(found));
  }

  static List<Requirement> capped(List<Requirement> requirements) {
    return requirements.size() > MAX_REQUIREMENTS ? requirements.subList(0, MAX_REQUIREMENTS) : requirements;
  }
}
