package com.medcontracthub.platform.realtime;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.RealtimeRooms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service showing something it has just stored to the users on a realtime room ({@code realtime.push}). Best
 * effort: a failed push is logged, not returned — what was pushed is stored, and clients read it when they open it.
 */
public final class LivePush {

  private static final Logger LOG = LoggerFactory.getLogger(LivePush.class);
  static final long TIMEOUT_MS = 5_000;

  private LivePush() {
  }

  /** @param dedupeKey pushed once however often it is given within the recovery window */
  public static Future<Void> send(Vertx vertx, String room, JsonObject body, String dedupeKey) {
    JsonObject request = new JsonObject().put(RealtimeRooms.PUSH_ROOM, room).put(RealtimeRooms.PUSH_BODY, body)
        .put(RealtimeRooms.PUSH_DEDUPE_KEY, dedupeKey);
    return vertx.eventBus().request(Addresses.REALTIME_PUSH, request, new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("{} stored but not pushed live: {}", dedupeKey, e.toString());
          return Future.succeededFuture();
        });
  }
}
