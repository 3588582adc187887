package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.Exchange;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This gateway's span of a request: the trace it belongs to (the caller's, read in {@code format}, or started here
 * when {@code format} is null), the caller's span as its parent, and whether it is sampled (the caller's decision
 * when it made one, else the plugin's ratio).
 */
record TraceContext(String traceId, String parentId, String spanId, boolean sampled, TraceFormat format) {

  static TraceContext continued(TraceFormat.Incoming caller, double sampleRatio) {
    return new TraceContext(caller.traceId(), caller.spanId(), hex(8),
        caller.sampled() == null ? sample(sampleRatio) : caller.sampled(), caller.format());
  }

  static TraceContext started(int traceIdBytes, double sampleRatio) {
    return new TraceContext(hex(traceIdBytes), null, hex(8), sample(sampleRatio), null);
  }

  /** The span a plugin kept on the exchange under {@code key}, if it is sampled; null when there is none to report. */
  static TraceContext sampled(Exchange exchange, String key) {
    TraceContext trace = exchange.ctx().get(key);
    return trace != null && trace.sampled() ? trace : null;
  }

  /** The trace id in 16 bytes, as W3C and OTLP carry it (a 64-bit id padded with zeros on the left). */
  String w3cTraceId() {
    return traceId.length() == 32 ? traceId : "0000000000000000" + traceId;
  }

  private static boolean sample(double ratio) {
    return ratio >= 1 || ThreadLocalRandom.current().nextDouble() < ratio;
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
