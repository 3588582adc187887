package com.medcontracthub.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Records of {@code topic} go to the event-bus {@code address}. {@link Delivery#PUBLISH} fans each record out to
 * every consumer and commits once published; {@link Delivery#REQUEST} sends it to one consumer and commits only
 * after that consumer's reply succeeded, so a failed or timed-out handler gets the record again. At most {@code in-flight}
 * records are out at a time, each next one sent as soon as one is answered: a slow handler (minutes a record) takes as
 * many as it can work on together, and Kafka waits a timeout between polls ({@link #maxPollIntervalMs}), since a full
 * bridge does not poll. With a {@code service}, only the JVMs running that service bridge
 * the topic, each to its own handler (local delivery): a JVM that dies takes its records' deliveries with it, and Kafka
 * gives them to another (a delivery to a handler in another JVM would wait its whole timeout for a reply that never
 * comes).
 */
public record InboundMapping(String topic, String address, Delivery delivery, Format format, String group,
    long timeoutMs, int inFlight, String service) {

  static final int DEFAULT_IN_FLIGHT = 500;
  /** Kafka's own default: how long a consumer may go between polls before its group gives its partitions away. */
  static final long MIN_POLL_INTERVAL_MS = 300_000;

  /** Whether a JVM running {@code services} bridges this mapping. */
  public boolean bridgedBy(List<String> services) {
    return service == null || services.contains(service);
  }

  /** Long enough for the records out to free a place: one timeout, and a minute for the rest. */
  public long maxPollIntervalMs() {
    return Math.min(Integer.MAX_VALUE, Math.max(MIN_POLL_INTERVAL_MS, timeoutMs + 60_000));
  }

  public enum Delivery { PUBLISH, REQUEST }

  /**
   * {@link Format#AVRO}: the value is a domain event (the {@code mch.*.events} topics), delivered as its generated
   * class, which its codec carries across the cluster; {@link Format#BYTES}: the value is delivered as it came.
   */
  public enum Format { AVRO, BYTES }

  static final long DEFAULT_TIMEOUT_MS = 30_000;
  private static final List<String> KEYS = List.of("topic", "address", "delivery", "format", "group", "timeout-ms",
      "in-flight", "service");

  public static List<InboundMapping> list(JsonArray items, String key) {
    List<InboundMapping> mappings = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = key + "[" + i + "]";
      JsonObject item = Mappings.object(items.getValue(i), at);
      Mappings.onlyKeys(item, KEYS, at);
      String topic = Mappings.required(item, "topic", at);
      String address = Mappings.required(item, "address", at);
      Delivery delivery = Mappings.choice(item, "delivery", Delivery.REQUEST, Delivery.class, at);
      Format format = Mappings.choice(item, "format", Format.BYTES, Format.class, at);
      long timeout = Mappings.positiveLong(item, "timeout-ms", DEFAULT_TIMEOUT_MS, "milliseconds", at);
      int inFlight = (int) Math.min(DEFAULT_IN_FLIGHT, Mappings.positiveLong(item, "in-flight", DEFAULT_IN_FLIGHT, "records",
          at));
      mappings.add(new InboundMapping(topic, address, delivery, format, item.getString("group", "mch-bridge-" + address),
          timeout, inFlight, item.getString("service")));
    }
    return List.copyOf(mappings);
  }
}
