package com.medcontracthub.realtime.bridge;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.auth.Logins;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.realtime.log.RoomLog;
import com.medcontracthub.realtime.presence.Presence;
import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bridge sockets of one event loop share: authentication, rooms, presence, the recovery log, and one timer
 * that closes idle sockets, drops expired tokens' registrations and keeps presence entries alive (one timer for all
 * sockets, not one each). Make one per verticle, on its event loop.
 */
public final class BridgeServices {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeServices.class);
  /** The stock clients ping every 5 s; a socket silent this long is gone. */
  static final long IDLE_MS = 30_000;
  static final long SERVICE_TIMEOUT_MS = 10_000;

  final Vertx vertx;
  final BridgeAuth auth;
  final Rooms rooms;
  final Presence presence;
  final RoomLog log;
  final OpportunityAccess access;
  final MchConfig.Realtime settings;
  private final Set<BridgeSession> sessions = new LinkedHashSet<>();
  private final long timer;
  private final MessageConsumer<JsonObject> revocations;

  public BridgeServices(Vertx vertx, MchConfig config, Logins logins, Redis redis) {
    this.vertx = vertx;
    this.settings = config.realtime();
    RedisLine line = new RedisLine(redis, SERVICE_TIMEOUT_MS);
    this.auth = new BridgeAuth(logins, SERVICE_TIMEOUT_MS);
    this.rooms = new Rooms(vertx);
    this.log = new RoomLog(vertx, line, settings.recoverySeconds());
    this.presence = new Presence(line, log);
    this.access = new OpportunityAccess(vertx, SERVICE_TIMEOUT_MS);
    this.timer = vertx.setPeriodic(Presence.REFRESH_MS, id -> tend());
    OpenSockets.register();
    // a removed user's sockets close at once, whatever they registered
    this.revocations = vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_REVOKED, message -> {
      String userId = message.body().getString(Principal.USER_ID);
      List.copyOf(sessions).stream().filter(s -> userId.equals(s.userId())).forEach(BridgeSession::close);
    });
  }

  void opened(BridgeSession session) {
    sessions.add(session);
    OpenSockets.opened(session.wire());
  }

  void closed(BridgeSession session) {
    if (sessions.remove(session)) {
      OpenSockets.closed(session.wire());
    }
  }

  /** Sockets open now; for tests and metrics. */
  public int sockets() {
    return sessions.size();
  }

  /** Rooms with a consumer now; for tests and metrics. */
  public int rooms() {
    return rooms.count();
  }

  public void close() {
    vertx.cancelTimer(timer);
    revocations.unregister();
    List.copyOf(sessions).forEach(BridgeSession::close);
  }

  private void tend() {
    long now = System.currentTimeMillis();
    Map<String, Map<String, JsonObject>> present = new HashMap<>();
    for (BridgeSession session : List.copyOf(sessions)) {
      if (now - session.lastHeard() > IDLE_MS) {
        session.close();
      } else {
        session.tend(now);
        session.presenceToRefresh().forEach((room, member) -> present.computeIfAbsent(room, r -> new HashMap<>())
            .put(session.key(), member));
      }
    }
    presence.refresh(present).onComplete(restored -> {
      if (restored.failed()) {
        LOG.warn("presence refresh failed: {}", restored.cause().toString());
      } else if (restored.result() > 0) {
        LOG.warn("presence: live sockets' entries had expired before their refresh (put back in {} rooms)",
            restored.result());
      }
    });
  }
}
