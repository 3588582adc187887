package com.medcontracthub.realtime.bridge;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a notice may be talked about on the bridge: the opportunities service must know it (every tenant may see
 * every notice; there are no private ones). Answers are kept a while so a room full of sockets asks once. One
 * instance per event loop.
 */
final class OpportunityAccess {

  private static final long KNOWN_MS = 300_000;
  private static final long UNKNOWN_MS = 10_000;
  private static final int MAX_ENTRIES = 10_000;

  private record Answer(boolean visible, long until) {
  }

  private final Vertx vertx;
  private final long timeoutMs;
  /** Questions on their way: a room's sockets connecting at once ask once. */
  private final Map<String, Future<Boolean>> asking = new HashMap<>();
  private final Map<String, Answer> answers = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  OpportunityAccess(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  Future<Boolean> visible(String noticeId, Principal principal) {
    Answer known = answers.get(noticeId);
    long now = System.currentTimeMillis();
    if (known != null && known.until() > now) {
      return Future.succeededFuture(known.visible());
    }
    Future<Boolean> pending = asking.get(noticeId);
    if (pending != null) {
      return pending;
    }
    JsonObject request = new JsonObject().put(ServiceRequest.PATH, new JsonObject().put("id", noticeId))
        .put(ServiceRequest.PRINCIPAL, principal.toJson());
    Future<Boolean> answer = vertx.eventBus()
        .request(Addresses.OPPORTUNITIES_GET, request, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(found -> remember(noticeId, true, now + KNOWN_MS))
        .recover(e -> e instanceof ReplyException r && r.failureCode() == 404
            ? Future.succeededFuture(remember(noticeId, false, now + UNKNOWN_MS))
            : Future.failedFuture(e))
        .onComplete(done -> asking.remove(noticeId));
    asking.put(noticeId, answer);
    return answer;
  }

  private boolean remember(String noticeId, boolean visible, long until) {
    answers.put(noticeId, new Answer(visible, until));
    return visible;
  }
}
