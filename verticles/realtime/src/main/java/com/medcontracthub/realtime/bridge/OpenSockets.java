package com.medcontracthub.realtime.bridge;

import com.medcontracthub.platform.metrics.Meters;
import io.micrometer.core.instrument.Gauge;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridges' open sockets by wire ({@code mch_realtime_bridge_connections{wire}}), counted for the whole JVM as
 * its registry is: every bridge instance of every event loop adds to the same three numbers.
 */
final class OpenSockets {

  private static final Map<Wire, AtomicInteger> OPEN = new EnumMap<>(Wire.class);

  static {
    for (Wire wire : Wire.values()) {
      OPEN.put(wire, new AtomicInteger());
    }
  }

  private OpenSockets() {
  }

  /** Registers the gauges with the JVM's registry (again, harmlessly, for every bridge instance). */
  static void register() {
    OPEN.forEach((wire, open) -> Gauge.builder("mch_realtime_bridge_connections", open, AtomicInteger::get)
        .description("Sockets open on the event-bus bridges").tag("wire", wire.name().toLowerCase(Locale.ROOT))
        .strongReference(true).register(Meters.registry()));
  }

  static void opened(Wire wire) {
    OPEN.get(wire).incrementAndGet();
  }

  static void closed(Wire wire) {
    OPEN.get(wire).decrementAndGet();
  }
}
