package com.medcontracthub.opportunities.reports;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A pipeline report made: the Monday of its week (a weekly one) or who asked for it, its PDF file in the blob store,
 * how many opportunities it lists, and the secret of the link that downloads it without a login.
 */
public record PipelineReport(UUID id, LocalDate week, String blob, long bytes, int entries, UUID requestedBy,
    String downloadToken, Instant createdAt) {

  /** As the API shows it, with the path of its file. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("week", week == null ? null : week.toString())
        .put("entries", entries).put("bytes", bytes).put("requestedBy", requestedBy == null ? null : requestedBy.toString())
        .put("createdAt", createdAt.toString()).put("file", PipelineReports.filePath(id));
  }

  /** The name its file is given: its week, or the day it was made. */
  public String fileName() {
    return PipelineReports.fileName(week, createdAt);
  }
}
