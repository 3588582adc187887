package com.medcontracthub.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Messages sent to the event-bus {@code address} are written to {@code topic}; the sender's reply is the broker's ack. */
public record OutboundMapping(String address, String topic) {

  private static final List<String> KEYS = List.of("address", "topic");

  public static List<OutboundMapping> list(JsonArray items, String key) {
    List<OutboundMapping> mappings = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = key + "[" + i + "]";
      JsonObject item = Mappings.object(items.getValue(i), at);
      Mappings.onlyKeys(item, KEYS, at);
      mappings.add(new OutboundMapping(Mappings.required(item, "address", at), Mappings.required(item, "topic", at)));
    }
    return List.copyOf(mappings);
  }
}
