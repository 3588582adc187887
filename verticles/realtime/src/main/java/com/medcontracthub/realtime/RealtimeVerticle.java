package com.medcontracthub.realtime;

import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.OpportunityChanges;
import com.medcontracthub.codecs.RealtimeRooms;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.events.JobProgressed;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.events.PipelineStageChanged;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.metrics.Meters;
import com.medcontracthub.platform.service.ServiceVerticle;
import com.medcontracthub.realtime.log.EventViews;
import com.medcontracthub.realtime.log.RoomLog;
import com.medcontracthub.realtime.notes.NoteEdits;
import com.medcontracthub.realtime.notes.NoteStore;
import com.medcontracthub.realtime.presence.Presence;
import com.medcontracthub.redis.RedisLine;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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
public final class RealtimeVerticle extends ServiceVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(RealtimeVerticle.class);
  private static final long REDIS_TIMEOUT_MS = 10_000;

  public RealtimeVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    RedisLine line = new RedisLine(redis(), REDIS_TIMEOUT_MS);
    RoomLog log = new RoomLog(vertx, line, config.realtime().recoverySeconds());
    Timer pushes = Timer.builder("mch_realtime_push").description("a push from its arrival to its publication (recovery "
        + "log append included)").serviceLevelObjectives(Meters.LATENCY_BUCKETS).register(Meters.registry());
    Presence presence = new Presence(line, log);
    NoteStore notes = new NoteStore(pool());
    NoteEdits edits = new NoteEdits(notes, log);
    vertx.setPeriodic(Presence.SWEEP_MS, id -> presence.sweep()
        .onFailure(e -> LOG.warn("presence sweep failed: {}", e.toString())));
    return Future.all(List.of(
        serve(vertx, Addresses.REALTIME_PUSH, m -> {
          long arrived = System.nanoTime();
          return push(log, m.body()).onSuccess(seq -> pushes.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS));
        }),
        relay(log, Addresses.REALTIME_OPPORTUNITY_EVENTS, OpportunityChanged.class,
            event -> OpportunityChanges.REPUBLISHED.equals(event.getChange()) ? null
                : RealtimeRooms.opportunityEvents(event.getNoticeId()),
            EventViews::opportunityChange),
        relay(log, Addresses.REALTIME_JOB_EVENTS, JobProgressed.class,
            event -> RealtimeRooms.userNotifications(event.getUserId()), EventViews::jobProgress),
        relay(log, Addresses.REALTIME_DOCUMENT_EVENTS, SpecificRecord.class, EventViews::documentRoom,
            EventViews::document),
        relay(log, Addresses.REALTIME_PIPELINE_EVENTS, PipelineStageChanged.class,
            event -> RealtimeRooms.tenantNotifications(event.getEnvelope().getTenantId()), EventViews::pipelineMove),
        serve(vertx, Addresses.NOTES_LOAD,
            m -> notes.load(principal(m).tenantId(), m.body().getString(ServiceRequest.OPPORTUNITY_ID))),
        serve(vertx, Addresses.NOTES_EDIT, m -> edits.edit(m.body(), principal(m)))));
  }

  /**
   * Shows each domain event bridged from Kafka to {@code address} on its room, once however often Kafka delivers it
   * (deduped by event id); the reply, once it is logged, lets the bridge commit. An event of another type (a topic
   * carries several) or for no room (null) is news to nobody watching: it is only acknowledged.
   */
  private <T extends SpecificRecord> Future<Void> relay(RoomLog log, String address, Class<T> type,
      Function<T, String> room, Function<T, JsonObject> shown) {
    return vertx.eventBus().<Object>consumer(address, m -> {
      String to = type.isInstance(m.body()) ? room.apply(type.cast(m.body())) : null;
      if (to == null) {
        m.reply(null);
        return;
      }
      T event = type.cast(m.body());
      log.publish(to, shown.apply(event), Events.envelopeOf(event).getEventId())
          .onSuccess(m::reply)
          .onFailure(e -> m.fail(503, e.getMessage()));
    }).completion();
  }

  private static Future<JsonObject> push(RoomLog log, JsonObject request) {
    String room = request.getString(RealtimeRooms.PUSH_ROOM);
    if (!RealtimeRooms.isRoom(room) || !request.containsKey(RealtimeRooms.PUSH_BODY)) {
      return Future.failedFuture(new Refusal(400, "a push needs a realtime room (rt.…) and a body"));
    }
    return log.publish(room, request.getValue(RealtimeRooms.PUSH_BODY), request.getString(RealtimeRooms.PUSH_DEDUPE_KEY))
        .map(seq -> new JsonObject().put("seq", seq));
  }
}
