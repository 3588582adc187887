package com.medcontracthub.realtime;

import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.RealtimeRooms;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.DocumentProcessed;
import com.medcontracthub.events.JobProgressed;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.jobs.JobProgress;
import com.medcontracthub.platform.redis.RedisClients;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.realtime.log.RoomLog;
import com.medcontracthub.realtime.notes.NoteStore;
import com.medcontracthub.realtime.notes.TextOperation;
import com.medcontracthub.realtime.presence.Presence;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime service behind the bridges: pushes to rooms (logged for recovery), opportunity changes from Kafka to
 * the notice's viewers, job progress from Kafka to the user who started the job, documents read from Kafka to their
 * tenant, the shared notes, and the presence sweep that removes the entries of sockets whose JVM died.
 */
public final class RealtimeVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RealtimeVerticle.class);
  private static final long REDIS_TIMEOUT_MS = 10_000;

  private final MchConfig config;
  private Pool pool;
  private Redis redis;

  public RealtimeVerticle(MchConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, config);
    redis = RedisClients.create(vertx, config);
    RedisLine line = new RedisLine(redis, REDIS_TIMEOUT_MS);
    RoomLog log = new RoomLog(vertx, line, config.realtime().recoverySeconds());
    // Vert.x without metrics (tests) has no registry: the global one then records nothing
    MeterRegistry metrics = BackendRegistries.getDefaultNow();
    MeterRegistry registry = metrics != null ? metrics : Metrics.globalRegistry;
    Timer pushes = Timer.builder("mch_realtime_push").description("a push from its arrival to its publication (recovery "
        + "log append included)").publishPercentiles(0.5, 0.99).register(registry);
    Presence presence = new Presence(line, log);
    NoteStore notes = new NoteStore(pool);
    vertx.setPeriodic(Presence.SWEEP_MS, id -> presence.sweep()
        .onFailure(e -> LOG.warn("presence sweep failed: {}", e.toString())));
    return Future.all(List.of(
        serve(vertx, Addresses.REALTIME_PUSH, m -> {
          long arrived = System.nanoTime();
          return push(log, m.body()).onSuccess(seq -> pushes.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS));
        }),
        relay(log, Addresses.REALTIME_OPPORTUNITY_EVENTS,
            (OpportunityChanged event) -> RealtimeRooms.opportunityEvents(event.getNoticeId()),
            RealtimeVerticle::opportunityChange),
        relay(log, Addresses.REALTIME_JOB_EVENTS,
            (JobProgressed event) -> RealtimeRooms.userNotifications(event.getUserId()), RealtimeVerticle::jobProgress),
        relay(log, Addresses.REALTIME_DOCUMENT_EVENTS,
            (DocumentProcessed event) -> RealtimeRooms.tenantNotifications(event.getTenantId()),
            RealtimeVerticle::documentProcessed),
        serve(vertx, Addresses.NOTES_LOAD, m -> notes.load(principal(m).tenantId(), m.body().getString("opportunityId"))),
        serve(vertx, Addresses.NOTES_EDIT, m -> edit(notes, log, m.body(), principal(m)))));
  }

  /**
   * Shows each domain event bridged from Kafka to {@code address} on its room, once however often Kafka delivers it
   * (deduped by event id); the reply, once it is logged, lets the bridge commit.
   */
  private <T extends SpecificRecord> Future<Void> relay(RoomLog log, String address, Function<T, String> room,
      Function<T, JsonObject> shown) {
    return vertx.eventBus().<T>consumer(address, m -> log.publish(room.apply(m.body()), shown.apply(m.body()),
            Events.envelopeOf(m.body()).getEventId())
        .onSuccess(m::reply)
        .onFailure(e -> m.fail(503, e.getMessage()))).completion();
  }

  private static JsonObject opportunityChange(OpportunityChanged event) {
    return new JsonObject().put("type", "opportunity." + event.getChange()).put("noticeId", event.getNoticeId())
        .put("eventId", event.getEnvelope().getEventId())
        .put("occurredAt", event.getEnvelope().getOccurredAt().toString());
  }

  /** What the user's notification tray shows of a job: its state, counts and, at its end, the outcome. */
  private static JsonObject jobProgress(JobProgressed event) {
    JsonObject progress = new JsonObject().put("kind", "job.progress").put("jobId", event.getJobId())
        .put("job", event.getJob()).put("state", event.getState()).put("done", event.getDone())
        .put("bytesDone", event.getBytesDone()).put("bytesTotal", event.getBytesTotal())
        .put("occurredAt", event.getEnvelope().getOccurredAt().toString());
    String summary = event.getSummary();
    if (summary != null) {
      try {
        progress.put("summary", JobProgress.FINISHED.equals(event.getState()) ? new JsonObject(summary) : summary);
      } catch (DecodeException e) {
        // the outcome of a finished job is a JSON object; shown as text rather than block the topic when it is not
        progress.put("summary", summary);
      }
    }
    return progress;
  }

  /** What the tenant's trays show of a document read (or not): enough to name it and open its notice. */
  private static JsonObject documentProcessed(DocumentProcessed event) {
    return new JsonObject().put("kind", "document." + event.getState()).put("documentId", event.getDocumentId())
        .put("fileName", event.getFileName()).put("noticeId", event.getNoticeId()).put("pages", event.getPages())
        .put("reason", event.getReason()).put("uploadedBy", event.getUserId())
        .put("occurredAt", event.getEnvelope().getOccurredAt().toString());
  }

  private static Future<JsonObject> push(RoomLog log, JsonObject request) {
    String room = request.getString(RealtimeRooms.PUSH_ROOM);
    if (!RealtimeRooms.isRoom(room) || !request.containsKey(RealtimeRooms.PUSH_BODY)) {
      return Future.failedFuture(new Refusal(400, "a push needs a realtime room (rt.…) and a body"));
    }
    return log.publish(room, request.getValue(RealtimeRooms.PUSH_BODY), request.getString(RealtimeRooms.PUSH_DEDUPE_KEY))
        .map(seq -> new JsonObject().put("seq", seq));
  }

  private static Future<JsonObject> edit(NoteStore notes, RoomLog log, JsonObject request,
      Principal principal) {
    String notice = request.getString("opportunityId");
    TextOperation operation;
    try {
      operation = TextOperation.fromJson(request.getJsonArray("ops"));
    } catch (IllegalArgumentException | ClassCastException e) {
      return Future.failedFuture(new Refusal(400, "ops: " + e.getMessage()));
    }
    String opId = request.getString("opId");
    return notes.edit(principal.tenantId(), notice, principal.userId(), request.getInteger("version"), operation, opId)
        .compose(applied -> {
          JsonObject change = new JsonObject().put("version", applied.version()).put("ops", applied.operation().toJson())
              .put("opId", opId).put("userId", principal.userId().toString());
          // a repeated edit was published the first time; publishing again would apply it twice on the clients
          Future<String> published = applied.repeated() ? Future.succeededFuture()
              : log.publish(RealtimeRooms.tenantOpportunity(principal.tenantId().toString(), notice, "notes"), change,
                  opId);
          return published.map(seq -> change);
        });
  }

  @Override
  public Future<?> stop() {
    return Future.join(pool.close(), redis.close());
  }
}
