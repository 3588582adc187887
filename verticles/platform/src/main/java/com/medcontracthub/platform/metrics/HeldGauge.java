package com.medcontracthub.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A gauge showing the last value set on it, for what is read now and then (a count taken from a store, a
 * reconciliation's result) rather than from a live object. It lives as long as its registry, not as the verticle
 * that set it: a verticle deployed again sets the same gauge, where a gauge on one of its objects would keep showing
 * the first.
 */
public final class HeldGauge {

  /** By registry (held no longer than it is), then by name and tags. */
  private static final Map<MeterRegistry, Map<String, HeldGauge>> HELD = Collections.synchronizedMap(
      new WeakHashMap<>());

  /** A double's bits. */
  private final AtomicLong bits;

  private HeldGauge(double initial) {
    bits = new AtomicLong(Double.doubleToLongBits(initial));
  }

  /** The registry's gauge of that name and tags, registered showing {@code initial} the first time it is asked for. */
  public static HeldGauge of(MeterRegistry registry, String name, String description, Tags tags, double initial) {
    return HELD.computeIfAbsent(registry, r -> new ConcurrentHashMap<>()).computeIfAbsent(name + tags, key -> {
      HeldGauge held = new HeldGauge(initial);
      Gauge.builder(name, held.bits, value -> Double.longBitsToDouble(value.get())).description(description)
          .tags(tags).strongReference(true).register(registry);
      return held;
    });
  }

  public void set(double value) {
    bits.set(Double.doubleToLongBits(value));
  }
}
