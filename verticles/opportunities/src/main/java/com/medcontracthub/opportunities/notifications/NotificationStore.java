package com.medcontracthub.opportunities.notifications;

import com.medcontracthub.events.Envelope;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.platform.dedupe.ProcessedEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Tells tenants what changed about the opportunities they are bidding on. It consumes change events idempotently:
 * an event delivered twice notifies once.
 */
public final class NotificationStore {

  /** The consumer's name in {@code processed_events}. */
  static final String CONSUMER = "notifications";
  /** Longer than Kafka keeps a record (7 days by default), so no redelivery outlives its dedupe entry. */
  static final int KEEP_PROCESSED_DAYS = 14;
  /** The changes tenants are told about. */
  static final Set<String> NOTIFYING = Set.of("updated", "superseded");

  private final Pool pool;

  public NotificationStore(Pool pool) {
    this.pool = pool;
  }

  /** A notification made for a tenant. */
  public record Notice(UUID tenantId, JsonObject notification) {
  }

  /**
   * @return the notifications made: none when the event had been handled before, or when it is the notice's first
   *     import (it can only be in a pipeline already when that event arrives late, and there is no news in it)
   */
  public Future<List<Notice>> opportunityChanged(OpportunityChanged event) {
    Envelope envelope = event.getEnvelope();
    if (!NOTIFYING.contains(event.getChange())) {
      return Future.succeededFuture(List.of());
    }
    return pool.withTransaction(conn -> ProcessedEvents.firstTime(conn, CONSUMER, envelope.getEventId())
        .compose(first -> !first ? Future.succeededFuture(List.<Notice>of())
            : conn.preparedQuery(NotificationSql.ON_OPPORTUNITY_CHANGED)
                .execute(Tuple.of(event.getNoticeId(), "opportunity." + event.getChange(),
                    UUID.fromString(envelope.getEventId()), envelope.getCorrelationId()))
                .map(rows -> {
                  List<Notice> made = new ArrayList<>();
                  rows.forEach(row -> made.add(new Notice(row.getUUID("tenant_id"), json(row))));
                  return made;
                })));
  }

  /** The tenant's newest notifications first. */
  public Future<JsonArray> list(UUID tenant, int limit) {
    return pool.preparedQuery(NotificationSql.LIST).execute(Tuple.of(tenant, limit)).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(json(row)));
      return items;
    });
  }

  private static JsonObject json(Row row) {
    return new JsonObject().put("id", row.getLong("id")).put("kind", row.getString("kind"))
        .put("noticeId", row.getString("notice_id")).put("detail", row.getJsonObject("detail"))
        .put("createdAt", row.getOffsetDateTime("created_at").toString());
  }

  public Future<Integer> forgetOldProcessedEvents() {
    return pool.preparedQuery(NotificationSql.FORGET_PROCESSED).execute(Tuple.of(CONSUMER, KEEP_PROCESSED_DAYS))
        .map(rows -> rows.rowCount());
  }
}
