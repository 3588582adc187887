package com.medcontracthub.ai.index;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the index keeps of a current notice besides its vector: what it is searched and filtered by, and what a hit
 * shows. Built from the notice as the opportunities service answers it.
 */
public record IndexedNotice(String noticeId, String title, String description, String agency, String setAside,
    List<String> naicsCodes, Instant responseDeadline) {

  private static final Pattern LINK = Pattern.compile("https?://\\S+");

  /**
   * From the opportunities service's JSON ({@code GET /api/v1/opportunities/{id}}; its deadline an ISO offset time,
   * seconds left out when 0). SAM.gov's API gives a notice's description as a link to fetch: a link alone is no
   * description to embed or search.
   *
   * @throws java.time.DateTimeException or IllegalArgumentException when the JSON is not a notice's
   */
  public static IndexedNotice of(JsonObject opportunity) {
    String deadline = opportunity.getString("responseDeadline");
    JsonArray naics = opportunity.getJsonArray("naicsCodes", new JsonArray());
    String description = opportunity.getString("description", "");
    if (description == null || LINK.matcher(description.strip()).matches()) {
      description = "";
    }
    return new IndexedNotice(opportunity.getString("noticeId"), opportunity.getString("title", ""),
        description, opportunity.getString("agency"), opportunity.getString("setAside"),
        naics.stream().map(String::valueOf).toList(), deadline == null ? null : OffsetDateTime.parse(deadline).toInstant());
  }

  /** The text the notice is embedded and searched by: its title, then its description. */
  public String text() {
    return description == null || description.isBlank() ? title : title + "\n" + description;
  }

  /** As a hit shows it, with its score and the passage that matched. */
  public JsonObject toJson(double score, String passage) {
    return new JsonObject().put("noticeId", noticeId).put("title", title).put("agency", agency)
        .put("setAside", setAside).put("naicsCodes", new JsonArray(naicsCodes))
        .put("responseDeadline", responseDeadline == null ? null : responseDeadline.toString())
        .put("score", score).put("passage", passage);
  }
}
