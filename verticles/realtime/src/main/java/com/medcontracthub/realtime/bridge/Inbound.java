package com.medcontracthub.realtime.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * One frame from a client, in the bridge protocol the stock clients speak:
 * {@code {"type": "send"|"publish"|"register"|"unregister"|"ping", "address", "headers", "body", "replyAddress"}}.
 */
record Inbound(String type, String address, JsonObject headers, Object body, String replyAddress) {

  /** A frame the bridge cannot read, with the reason the client is told. */
  static final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final Set<String> TYPES = Set.of("send", "publish", "register", "unregister", "ping");
  private static final int MAX_HEADERS = 16;
  /** The stock clients make 36-character UUIDs. */
  private static final int MAX_REPLY_ADDRESS = 36;

  static Inbound parse(Buffer frame) throws Malformed {
    JsonObject json;
    try {
      json = frame.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new Malformed("invalid_json");
    }
    if (!(json.getValue("type") instanceof String type) || !TYPES.contains(type)) {
      throw new Malformed("invalid_type");
    }
    Object address = json.getValue("address");
    if (!type.equals("ping") && !(address instanceof String)) {
      throw new Malformed("missing_address");
    }
    Object headers = json.getValue("headers");
    if (headers != null && !(headers instanceof JsonObject)) {
      throw new Malformed("invalid_headers");
    }
    JsonObject h = headers == null ? new JsonObject() : (JsonObject) headers;
    if (h.size() > MAX_HEADERS || !h.getMap().values().stream().allMatch(v -> v instanceof String)) {
      throw new Malformed("invalid_headers");
    }
    Object reply = json.getValue("replyAddress");
    if (reply != null && (!(reply instanceof String r) || r.isEmpty() || r.length() > MAX_REPLY_ADDRESS)) {
      throw new Malformed("invalid_reply_address");
    }
    return new Inbound(type, (String) address, h, json.getValue("body"), (String) reply);
  }

  String header(String name) {
    for (Map.Entry<String, Object> entry : headers) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return (String) entry.getValue();
      }
    }
    return null;
  }
}
