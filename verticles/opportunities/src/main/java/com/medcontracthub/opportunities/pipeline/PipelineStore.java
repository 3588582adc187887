package com.medcontracthub.opportunities.pipeline;

import static com.medcontracthub.platform.db.SqlTimes.utc;

import com.medcontracthub.codecs.PipelineStages;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.Envelope;
import com.medcontracthub.events.PipelineStageChanged;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's bid pipeline, event-sourced: each move appends a {@code PipelineStageChanged} event with the entry's
 * next version to the event store, updates the entry and writes the event to the outbox (for
 * {@code mch.pipeline.events}, keyed by {@code <tenant>:<notice id>}), in one transaction. A move must name the version it saw;
 * any other current version is a 409, and so is losing a race for the same version.
 */
public final class PipelineStore {

  public static final List<String> STAGES = PipelineStages.ALL;
  /** The stages in which a bid is still to be made: their response deadlines matter. */
  public static final List<String> OPEN_STAGES = STAGES.subList(0, 3);
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String SOURCE = "opportunities";
  /** The entries a board shows at most: a team works a few hundred at a time. */
  public static final int BOARD_LIMIT = 2_000;

  private final Pool pool;

  public PipelineStore(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonObject> move(UUID tenant, String noticeId, String stage, int expectedVersion, UUID by,
      String correlationId) {
    String aggregateId = tenant + ":" + noticeId;
    return pool.withTransaction(conn -> opportunityExists(conn, noticeId)
        .compose(v -> conn.preparedQuery(PipelineSql.CURRENT_FOR_UPDATE).execute(Tuple.of(tenant, noticeId)))
        .compose(rows -> {
          Row current = rows.size() == 0 ? null : rows.iterator().next();
          int version = current == null ? 0 : current.getInteger("version");
          if (version != expectedVersion) {
            return Future.failedFuture(stale(version));
          }
          JsonObject payload = new JsonObject().put("noticeId", noticeId)
              .put("from", current == null ? null : current.getString("stage")).put("to", stage).put("by", by.toString())
              .put("version", version + 1);
          PipelineStageChanged event = event(Events.envelope(PipelineStageChanged.class, SOURCE, correlationId,
              tenant.toString(), aggregateId), payload);
          UUID eventId = UUID.fromString(event.getEnvelope().getEventId());
          return conn.preparedQuery(PipelineSql.APPEND_EVENT)
              .execute(Tuple.of(aggregateId, version + 1, eventId, tenant, payload, correlationId,
                  utc(event.getEnvelope().getOccurredAt())))
              .compose(appended -> conn.preparedQuery(PipelineSql.UPSERT_ENTRY)
                  .execute(Tuple.of(tenant, noticeId, stage, version + 1, correlationId)))
              .compose(updated -> Outbox.append(conn, Topics.PIPELINE_EVENTS, event))
              .map(done -> new JsonObject().put("noticeId", noticeId).put("stage", stage).put("version", version + 1));
        }))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? new Refusal(409, "the pipeline entry changed meanwhile; read it and try again") : e));
  }

  /** The moves made since {@code since} (null: every move). */
  public Future<Long> countMovesSince(Instant since) {
    return pool.preparedQuery(PipelineSql.COUNT_MOVES_SINCE).execute(Tuple.of(utc(since)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Publishes the next {@code size} moves (made since {@code since}, unless null) after {@code cursor} again, from the
   * event store through the outbox, each under its own event id, in one transaction: the moves published, as cursors
   * ({@code <aggregate id>#<version>}), the last one the cursor of the next batch (null for the first).
   */
  public Future<List<String>> republish(String cursor, Instant since, int size) {
    int mark = cursor == null ? -1 : cursor.lastIndexOf('#');
    String afterAggregate = mark < 0 ? "" : cursor.substring(0, mark);
    int afterVersion = mark < 0 ? 0 : Integer.parseInt(cursor.substring(mark + 1));
    return pool.withTransaction(conn -> conn.preparedQuery(PipelineSql.MOVES_AFTER)
        .execute(Tuple.of(utc(since), afterAggregate, afterVersion, size))
        .compose(rows -> {
          List<PipelineStageChanged> events = new ArrayList<>();
          List<String> moves = new ArrayList<>();
          for (Row row : rows) {
            String aggregateId = row.getString("aggregate_id");
            events.add(event(Events.envelope(PipelineStageChanged.class, SOURCE, row.getUUID("event_id"),
                row.getOffsetDateTime("occurred_at").toInstant(), row.getString("correlation_id"),
                row.getUUID("tenant_id").toString(), aggregateId), row.getJsonObject("payload")));
            moves.add(aggregateId + "#" + row.getInteger("version"));
          }
          return Outbox.republishAll(conn, Topics.PIPELINE_EVENTS, events).map(v -> moves);
        }));
  }

  /** A move's event, from what the event store keeps of it ({@code payload}) under its envelope. */
  private static PipelineStageChanged event(Envelope envelope, JsonObject payload) {
    return PipelineStageChanged.newBuilder()
        .setEnvelope(envelope)
        .setNoticeId(payload.getString("noticeId"))
        .setFrom(payload.getString("from"))
        .setTo(payload.getString("to"))
        .setBy(payload.getString("by"))
        .setVersion(payload.getInteger("version"))
        .build();
  }


  /**
   * The tenant's board: {@code {entries: [{noticeId, title, agency, responseDeadline, stage, version, updatedAt}],
   * total}}, the {@value #BOARD_LIMIT} with the soonest deadlines (none last) when it has more.
   */
  public Future<JsonObject> board(UUID tenant) {
    return pool.preparedQuery(PipelineSql.BOARD).execute(Tuple.of(tenant, BOARD_LIMIT)).map(rows -> {
      JsonArray entries = new JsonArray();
      long total = 0;
      for (Row row : rows) {
        total = row.getLong("total");
        OffsetDateTime deadline = row.getOffsetDateTime("response_deadline");
        entries.add(new JsonObject().put("noticeId", row.getString("notice_id")).put("title", row.getString("title"))
            .put("agency", row.getString("agency"))
            .put("responseDeadline", deadline == null ? null : deadline.toInstant().toString())
            .put("stage", row.getString("stage")).put("version", row.getInteger("version"))
            .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString()));
      }
      return new JsonObject().put("entries", entries).put("total", total);
    });
  }

  /** The entry's stage and version (null and 0 when the opportunity is not in the pipeline) and its history. */
  public Future<JsonObject> get(UUID tenant, String noticeId) {
    return pool.withConnection(conn -> opportunityExists(conn, noticeId)
        .compose(v -> conn.preparedQuery(PipelineSql.HISTORY).execute(Tuple.of(tenant + ":" + noticeId, tenant)))
        .map(rows -> {
          JsonArray history = new JsonArray();
          String stage = null;
          int version = 0;
          for (Row row : rows) {
            JsonObject payload = row.getJsonObject("payload");
            stage = payload.getString("to");
            version = row.getInteger("version");
            history.add(new JsonObject().put("version", version).put("eventId", row.getUUID("event_id").toString())
                .put("from", payload.getString("from")).put("to", stage).put("by", payload.getString("by"))
                .put("at", row.getOffsetDateTime("occurred_at").toString())
                .put("correlationId", row.getString("correlation_id")));
          }
          return new JsonObject().put("noticeId", noticeId).put("stage", stage).put("version", version)
              .put("history", history);
        }));
  }

  private static Future<Void> opportunityExists(SqlConnection conn, String noticeId) {
    return conn.preparedQuery(PipelineSql.OPPORTUNITY_EXISTS).execute(Tuple.of(noticeId))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture()
            : Future.failedFuture(new Refusal(404, "no opportunity with notice id " + noticeId)));
  }

  private static Refusal stale(int version) {
    return new Refusal(409, "stale version: the entry is at version " + version);
  }
}
