package com.medcontracthub.gateway.declarative.plugins;

import com.medcontracthub.gateway.declarative.Exchange;
import io.vertx.core.MultiMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The trace a request belongs to, read from W3C {@code traceparent} or Zipkin's B3 headers (single {@code b3} or
 * {@code X-B3-*}), or started here; and the headers that carry this gateway's span to the upstream.
 */
record TraceContext(String traceId, String parentId, String spanId, boolean sampled, String headerType) {

  /** The incoming context, continued with a new span of this gateway; a new trace when there is none. */
  static TraceContext continueFrom(MultiMap headers, double sampleRatio, int traceIdBytes) {
    String spanId = hex(8);
    String traceparent = headers.get("traceparent");
    if (traceparent != null) {
      String[] parts = traceparent.trim().split("-");
      if (parts.length == 4 && parts[1].matches("[0-9a-f]{32}") && parts[2].matches("[0-9a-f]{16}")) {
        return new TraceContext(parts[1], parts[2], spanId, (Integer.parseInt(parts[3], 16) & 1) == 1, "w3c");
      }
    }
    String b3 = headers.get("b3");
    if (b3 != null) {
      String[] parts = b3.trim().split("-");
      if (parts.length >= 2 && parts[0].matches("[0-9a-f]{16}|[0-9a-f]{32}") && parts[1].matches("[0-9a-f]{16}")) {
        boolean sampled = parts.length < 3 ? sample(sampleRatio) : parts[2].equals("1") || parts[2].equals("d");
        return new TraceContext(parts[0], parts[1], spanId, sampled, "b3-single");
      }
    }
    String traceId = headers.get("X-B3-TraceId");
    String parent = headers.get("X-B3-SpanId");
    if (traceId != null && parent != null) {
      String flag = headers.get("X-B3-Sampled");
      boolean sampled = flag == null ? sample(sampleRatio) : flag.equals("1") || flag.equalsIgnoreCase("true");
      return new TraceContext(traceId.toLowerCase(Locale.ROOT), parent.toLowerCase(Locale.ROOT), spanId, sampled, "b3");
    }
    return new TraceContext(hex(traceIdBytes), null, spanId, sample(sampleRatio), null);
  }

  /**
   * Continues the request's trace (or starts one) with a span of this gateway, hands it to the upstream as
   * {@code headerType} says, and keeps it on the exchange under {@code key} for the log phase.
   */
  static TraceContext begin(Exchange exchange, String key, double sampleRatio, int traceIdBytes, String headerType,
      String newTraceType) {
    TraceContext trace = continueFrom(exchange.ctx().request().headers(), sampleRatio, traceIdBytes);
    trace.handOn(exchange.upstreamHeaders(), headerType, newTraceType);
    exchange.ctx().put(key, trace);
    return trace;
  }

  /** The span {@link #begin} kept under {@code key}, if it is sampled; null when there is none to report. */
  static TraceContext sampled(Exchange exchange, String key) {
    TraceContext trace = exchange.ctx().get(key);
    return trace != null && trace.sampled() ? trace : null;
  }

  /**
   * Kong's {@code header_type}: writes this span for the upstream in the caller's header type ({@code preserve};
   * {@code newTraceType} when this gateway started the trace), in no header ({@code ignore}), or in the type named.
   */
  private void handOn(MultiMap headers, String headerType, String newTraceType) {
    if (headerType.equals("preserve")) {
      inject(headers, this.headerType == null ? newTraceType : this.headerType);
    } else if (!headerType.equals("ignore")) {
      inject(headers, headerType);
    }
  }

  /** Writes this span as the parent of the upstream's work, in {@code type} (w3c, b3, b3-single). */
  private void inject(MultiMap headers, String type) {
    String flag = sampled ? "1" : "0";
    switch (type) {
      case "b3" -> headers.set("X-B3-TraceId", traceId).set("X-B3-SpanId", spanId).set("X-B3-Sampled", flag)
          .set("X-B3-ParentSpanId", parentId == null ? "" : parentId);
      case "b3-single" -> headers.set("b3", traceId + "-" + spanId + "-" + flag);
      default -> headers.set("traceparent", "00-" + w3cTraceId() + "-" + spanId + "-0" + flag);
    }
  }

  /** The trace id in 16 bytes, as W3C and OTLP carry it (a 64-bit B3 id padded with zeros on the left). */
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
