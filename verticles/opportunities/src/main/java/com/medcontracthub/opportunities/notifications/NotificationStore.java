package com.medcontracthub.opportunities.notifications;

import com.medcontracthub.codecs.OpportunityChanges;
import com.medcontracthub.events.Envelope;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.opportunities.search.SearchQuery;
import com.medcontracthub.opportunities.store.SavedSearchMatches;
import com.medcontracthub.platform.bus.BadQueryException;
import com.medcontracthub.platform.dedupe.ProcessedEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells tenants what changed about the opportunities they are bidding on, and which new ones their saved searches
 * list. It consumes change events idempotently: an event delivered twice notifies once.
 */
public final class NotificationStore {

  /** The consumer's name in {@code processed_events}. */
  static final String CONSUMER = "notifications";
  /** Longer than Kafka keeps a record (7 days by default), so no redelivery outlives its dedupe entry. */
  static final int KEEP_PROCESSED_DAYS = 14;
  /** The changes the tenants bidding on a notice are told about. */
  static final Set<String> NOTIFYING = Set.of(OpportunityChanges.UPDATED, OpportunityChanges.SUPERSEDED);
  /** The kind of notification a new notice matching a saved search makes. */
  static final String SAVED_SEARCH_MATCH = "saved-search.match";
  private static final Logger LOG = LoggerFactory.getLogger(NotificationStore.class);

  private final Pool pool;

  public NotificationStore(Pool pool) {
    this.pool = pool;
  }

  /** A notification made for a tenant. */
  public record Notice(UUID tenantId, JsonObject notification) {
  }

  /**
   * A notice's update or supersession notifies the tenants bidding on it; a new notice (an amendment too) notifies
   * the tenants whose saved searches list it; a notice published again by a backfill notifies nobody. {@code inserted} is not news to a pipeline: a notice can only be in one
   * already when that event arrives late.
   *
   * @return the notifications made: none when the event had been handled before
   */
  public Future<List<Notice>> opportunityChanged(OpportunityChanged event) {
    Envelope envelope = event.getEnvelope();
    UUID eventId = UUID.fromString(envelope.getEventId());
    String notice = event.getNoticeId();
    if (OpportunityChanges.INSERTED.equals(event.getChange())) {
      // most new notices match no saved search (an import brings thousands): one read tells, only a match is written
      return pool.withConnection(conn -> savedSearchesListing(conn, notice)).compose(ids -> ids.isEmpty()
          ? Future.succeededFuture(List.of())
          : once(envelope, conn -> conn.preparedQuery(NotificationSql.ON_SAVED_SEARCH_MATCH)
              .execute(Tuple.of(notice, eventId, envelope.getCorrelationId(), ids.toArray(UUID[]::new),
                  SAVED_SEARCH_MATCH))));
    }
    if (!NOTIFYING.contains(event.getChange())) {
      return Future.succeededFuture(List.of());
    }
    return once(envelope, conn -> conn.preparedQuery(NotificationSql.ON_OPPORTUNITY_CHANGED)
        .execute(Tuple.of(notice, kindOf(event.getChange()), eventId, envelope.getCorrelationId())));
  }

  /** Every kind of notification there is: a saved search's match and each change to a notice in a pipeline. */
  public static List<String> kinds() {
    return Stream.concat(Stream.of(SAVED_SEARCH_MATCH), NOTIFYING.stream().sorted().map(NotificationStore::kindOf))
        .toList();
  }

  private static String kindOf(String change) {
    return "opportunity." + change;
  }

  /** The notifications a statement makes, in the transaction that records the event: made only the first time. */
  private Future<List<Notice>> once(Envelope envelope, Function<SqlConnection, Future<RowSet<Row>>> insert) {
    return pool.withTransaction(conn -> ProcessedEvents.firstTime(conn, CONSUMER, envelope.getEventId())
        .compose(first -> first ? made(insert.apply(conn)) : Future.succeededFuture(List.<Notice>of())));
  }

  private static Future<Set<UUID>> savedSearchesListing(SqlConnection conn, String noticeId) {
    return conn.query(NotificationSql.SAVED_SEARCHES).execute().compose(rows -> {
      List<SavedSearchMatches.Candidate> candidates = new ArrayList<>();
      for (Row row : rows) {
        try {
          candidates.add(new SavedSearchMatches.Candidate(row.getUUID("id"), SearchQuery.from(row.getJsonObject("filters"))));
        } catch (BadQueryException e) {
          // saved filters were valid when saved; one the search no longer takes must not stop the others
          LOG.warn("saved search {} is no longer a valid search: {}", row.getUUID("id"), e.getMessage());
        }
      }
      return SavedSearchMatches.of(conn, noticeId, candidates);
    });
  }

  private static Future<List<Notice>> made(Future<RowSet<Row>> inserted) {
    return inserted.map(rows -> {
      List<Notice> made = new ArrayList<>();
      rows.forEach(row -> made.add(new Notice(row.getUUID("tenant_id"), json(row))));
      return made;
    });
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
