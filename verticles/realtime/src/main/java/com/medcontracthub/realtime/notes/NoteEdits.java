package com.medcontracthub.realtime.notes;

import com.medcontracthub.codecs.RealtimeRooms;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.realtime.log.RoomLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Edits of the shared notes: transformed and stored by {@link NoteStore}, then published on the tenant's notes room
 * (a repeated edit is answered as the first time and not published again).
 */
public final class NoteEdits {

  private final NoteStore notes;
  private final RoomLog log;

  public NoteEdits(NoteStore notes, RoomLog log) {
    this.notes = notes;
    this.log = log;
  }

  /** Applies an edit of the caller's tenant's notes on a notice and publishes it on the notes room, once. */
  public Future<JsonObject> edit(JsonObject request, Principal principal) {
    String notice = request.getString(ServiceRequest.OPPORTUNITY_ID);
    TextOperation operation;
    try {
      operation = TextOperation.fromJson(request.getJsonArray(ServiceRequest.OPS));
    } catch (IllegalArgumentException | ClassCastException e) {
      return Future.failedFuture(new Refusal(400, "ops: " + e.getMessage()));
    }
    String opId = request.getString(ServiceRequest.OP_ID);
    int version = request.getInteger(ServiceRequest.VERSION);
    return notes.edit(principal.tenantId(), notice, principal.userId(), version, operation, opId)
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
}
