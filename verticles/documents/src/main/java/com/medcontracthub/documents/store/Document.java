package com.medcontracthub.documents.store;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A document as stored: whose, what file, and where reading its text stands. */
public record Document(UUID id, UUID tenant, String noticeId, UUID uploadedBy, String fileName, String mediaType,
    String blob, long bytes, String state, Integer pages, Double meanConfidence, String textBlob, String failure,
    Instant createdAt, Instant extractedAt) {

  public static final String UPLOADED = "uploaded";
  public static final String EXTRACTED = "extracted";
  public static final String FAILED = "failed";

  static Document of(Row row) {
    return new Document(row.getUUID("id"), row.getUUID("tenant_id"), row.getString("notice_id"),
        row.getUUID("uploaded_by"), row.getString("file_name"), row.getString("media_type"), row.getString("blob"),
        row.getLong("bytes"), row.getString("state"), row.getInteger("pages"), row.getDouble("mean_confidence"),
        row.getString("text_blob"), row.getString("failure"), instant(row.getOffsetDateTime("created_at")),
        instant(row.getOffsetDateTime("extracted_at")));
  }

  /** As the API shows it: the steps so far, and where its status and file are. */
  public JsonObject toJson() {
    JsonObject steps = new JsonObject()
        .put("upload", new JsonObject().put("state", "done").put("at", createdAt.toString()))
        .put("text", new JsonObject().put("state", switch (state) {
          case EXTRACTED -> "done";
          case FAILED -> "failed";
          default -> "pending";
        }).put("at", extractedAt == null ? null : extractedAt.toString()).put("reason", failure));
    return new JsonObject().put("id", id.toString()).put("opportunityId", noticeId).put("fileName", fileName)
        .put("mediaType", mediaType).put("bytes", bytes).put("state", state).put("steps", steps).put("pages", pages)
        .put("meanConfidence", meanConfidence).put("uploadedBy", uploadedBy.toString())
        .put("createdAt", createdAt.toString()).put("status", "/api/v1/documents/" + id)
        .put("file", "/api/v1/documents/" + id + "/file");
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
