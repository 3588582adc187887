package com.medcontracthub.platform.outbox;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * A domain event as every consumer sees it (DESIGN §5): who, what, when, in answer to which request, for which
 * tenant and aggregate, in which schema version.
 */
public record EventEnvelope(UUID eventId, String type, String source, Instant occurredAt, String correlationId,
    String causationId, String tenantId, String aggregateId, int schemaVersion, JsonObject payload) {

  public static EventEnvelope of(String type, String source, String correlationId, String tenantId, String aggregateId,
      JsonObject payload) {
    return new EventEnvelope(UUID.randomUUID(), type, source, Instant.now(), correlationId, null, tenantId, aggregateId,
        1, payload);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("eventId", eventId.toString())
        .put("type", type)
        .put("source", source)
        .put("occurredAt", occurredAt.toString())
        .put("correlationId", correlationId)
        .put("causationId", causationId)
        .put("tenantId", tenantId)
        .put("aggregateId", aggregateId)
        .put("schemaVersion", schemaVersion)
        .put("payload", payload);
  }
}
