package com.medcontracthub.documents.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A document as stored: whose, what file, where its processing stands (the saga's state and each of its steps, as
 * {@code document_steps} rows in JSON), and what its text step read.
 */
public record Document(UUID id, UUID tenant, String noticeId, UUID uploadedBy, String fileName, String mediaType,
    String blob, long bytes, String state, Integer pages, Double meanConfidence, String textBlob, String failure,
    String correlationId, Instant createdAt, Instant endedAt, JsonArray steps) {

  public static final String PROCESSING = "processing";
  public static final String PROCESSED = "processed";
  public static final String FAILED = "failed";

  public static Document of(Row row) {
    Object steps = row.getValue("steps");
    return new Document(row.getUUID("id"), row.getUUID("tenant_id"), row.getString("notice_id"),
        row.getUUID("uploaded_by"), row.getString("file_name"), row.getString("media_type"), row.getString("blob"),
        row.getLong("bytes"), row.getString("state"), row.getInteger("pages"), row.getDouble("mean_confidence"),
        row.getString("text_blob"), row.getString("failure"), row.getString("correlation_id"),
        instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("ended_at")),
        steps instanceof JsonArray array ? array : new JsonArray());
  }

  /** As the API shows it: its upload and each step of its processing, and where its status and file are. */
  public JsonObject toJson() {
    JsonObject shown = new JsonObject().put("upload", new JsonObject().put("state", "done").put("at", createdAt.toString()));
    steps.stream().map(JsonObject.class::cast).forEach(step -> shown.put(step.getString("step"), new JsonObject()
        .put("state", step.getString("state")).put("attempt", step.getInteger("attempt"))
        .put("due", step.getString("due")).put("takenAt", step.getString("takenAt"))
        .put("endedAt", step.getString("endedAt"))
        .put("errors", step.getJsonArray("errors"))));
    return new JsonObject().put("id", id.toString()).put("opportunityId", noticeId).put("fileName", fileName)
        .put("mediaType", mediaType).put("bytes", bytes).put("state", state).put("failure", failure)
        .put("steps", shown).put("pages", pages).put("meanConfidence", meanConfidence)
        .put("uploadedBy", uploadedBy.toString()).put("createdAt", createdAt.toString())
        .put("endedAt", endedAt == null ? null : endedAt.toString())
        .put("status", "/api/v1/documents/" + id).put("file", "/api/v1/documents/" + id + "/file");
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
