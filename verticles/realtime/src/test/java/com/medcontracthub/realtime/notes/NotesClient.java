package com.medcontracthub.realtime.notes;

import com.medcontracthub.testkit.BridgeClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A notes editor as the browser runs one (ot.js's client states: synchronized, awaiting an acknowledgement, awaiting
 * with a buffer), over the bridge: local edits apply at once, one is in flight at a time, and every broadcast edit
 * is applied in version order, transformed past what is not yet acknowledged. Its own edit coming back (same op id)
 * is the acknowledgement.
 */
final class NotesClient {

  private final BridgeClient bridge;
  private final String token;
  private final String address;
  private final Map<Integer, JsonObject> early = new TreeMap<>();
  String text;
  int revision;
  private TextOperation outstanding;
  private String outstandingId;
  private TextOperation buffer;
  String failure;
  /** The last edit sent, so a refusal says what was refused. */
  private JsonObject lastSent;
  /** Edits sent to the server; buffered local edits go as one. */
  int sent;

  /** Where the client's state changes: the event loop its frames arrive on. */
  Context context() {
    return bridge.context();
  }

  NotesClient(BridgeClient bridge, String token, String address) {
    this.bridge = bridge;
    this.token = token;
    this.address = address;
  }

  /** Registers for edits, then loads the text. */
  Future<NotesClient> open() {
    bridge.register(address, token);
    return bridge.next(bridge.request(address, token, new JsonObject().put("action", "load"))).map(loaded -> {
      text = loaded.getJsonObject("body").getString("text");
      revision = loaded.getJsonObject("body").getInteger("version");
      listen();
      return this;
    });
  }

  /** Takes every broadcast edit and refusal as it comes; a quiet spell longer than the client's wait goes on listening. */
  private void listen() {
    bridge.next(frame -> address.equals(frame.getString("address")) || "err".equals(frame.getString("type")))
        .onComplete(next -> {
          if (next.succeeded() && "err".equals(next.result().getString("type"))) {
            failure = next.result().encode() + " for " + lastSent;
          } else if (next.succeeded()) {
            received(next.result().getJsonObject("body"));
          }
          listen();
        });
  }

  void edit(TextOperation op) {
    onItsContext();
    text = op.apply(text);
    if (outstanding == null) {
      send(op);
    } else {
      buffer = buffer == null ? op : buffer.compose(op);
    }
  }

  /** Its state, for a failure message. */
  @Override
  public String toString() {
    return "{revision " + revision + ", sent " + sent + ", idle " + idle() + ", early " + early.keySet()
        + (failure == null ? "" : ", failure " + failure) + "}";
  }

  boolean idle() {
    return outstanding == null && buffer == null;
  }

  private void send(TextOperation op) {
    sent++;
    outstanding = op;
    outstandingId = UUID.randomUUID().toString();
    lastSent = new JsonObject().put("action", "edit").put("version", revision).put("ops", op.toJson())
        .put("opId", outstandingId);
    bridge.request(address, token, lastSent);
  }

  /** Its frames and its edits change one state: both must come on the connection's event loop. */
  private void onItsContext() {
    if (Vertx.currentContext() != bridge.context()) {
      throw new IllegalStateException("a notes client changes its state on its connection's event loop only");
    }
  }

  private void received(JsonObject change) {
    onItsContext();
    int version = change.getInteger("version");
    if (version <= revision) {
      return;
    }
    early.put(version, change);
    while (early.containsKey(revision + 1)) {
      apply(early.remove(revision + 1));
    }
  }

  private void apply(JsonObject change) {
    revision = change.getInteger("version");
    if (change.getString("opId").equals(outstandingId)) {
      outstanding = null;
      outstandingId = null;
      if (buffer != null) {
        TextOperation next = buffer;
        buffer = null;
        send(next);
      }
      return;
    }
    TextOperation op = TextOperation.fromJson(change.getJsonArray("ops"));
    if (outstanding != null) {
      TextOperation[] pair = TextOperation.transform(outstanding, op);
      outstanding = pair[0];
      op = pair[1];
    }
    if (buffer != null) {
      TextOperation[] pair = TextOperation.transform(buffer, op);
      buffer = pair[0];
      op = pair[1];
    }
    text = op.apply(text);
  }
}
