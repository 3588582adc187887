package com.medcontracthub.gateway.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The trace header formats of Kong's tracing plugins")
class TraceFormatTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  private static TraceFormat.Incoming read(TraceFormat format, Map<String, String> headers) {
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    headers.forEach(map::set);
    return format.read(map).orElseThrow(() -> new AssertionError(format + " read nothing from " + headers));
  }

  private static void assertRead(String traceId, String spanId, Boolean sampled, TraceFormat format,
      TraceFormat.Incoming incoming) {
    assertEquals(traceId, incoming.traceId(), "trace id");
    assertEquals(spanId, incoming.spanId(), "span id");
    assertEquals(sampled, incoming.sampled(), "sampled");
    assertEquals(format, incoming.format(), "format");
  }

  @Test
  @DisplayName("reads each format's headers as its documentation shows them")
  void readsDocumentedHeaders() {
    assertRead(TRACE, SPAN, true, TraceFormat.W3C,
        read(TraceFormat.W3C, Map.of("traceparent", "00-" + TRACE + "-" + SPAN + "-01")));
    assertRead(TRACE, SPAN, true, TraceFormat.B3_SINGLE,
        read(TraceFormat.B3, Map.of("b3", TRACE + "-" + SPAN + "-d-" + "05e3ac9a4f6e3b90")));
    assertRead("a3ce929d0e0e4736", SPAN, null, TraceFormat.B3,
        read(TraceFormat.B3, Map.of("X-B3-TraceId", "A3CE929D0E0E4736", "X-B3-SpanId", SPAN)));
    assertRead(TRACE, SPAN, false, TraceFormat.JAEGER,
        read(TraceFormat.JAEGER, Map.of("uber-trace-id", TRACE + ":" + SPAN + ":0:0")));
    assertRead("00000000000000000000000000abcdef", "0000000000000fff", true, TraceFormat.JAEGER,
        read(TraceFormat.JAEGER, Map.of("uber-trace-id", "0000000000000000000abcdef:fff:0:1")));
    assertRead("a3ce929d0e0e4736", SPAN, true, TraceFormat.OT, read(TraceFormat.OT,
        Map.of("ot-tracer-traceid", "a3ce929d0e0e4736", "ot-tracer-spanid", SPAN, "ot-tracer-sampled", "1")));
    assertRead("5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8", true, TraceFormat.AWS, read(TraceFormat.AWS,
        Map.of("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")));
    // 12345678901234567890 = 0xab54a98ceb1f0ad2
    assertRead("ab54a98ceb1f0ad2", "00000000000004d2", true, TraceFormat.DATADOG, read(TraceFormat.DATADOG,
        Map.of("x-datadog-trace-id", "12345678901234567890", "x-datadog-parent-id", "1234",
            "x-datadog-sampling-priority", "2")));
    assertRead("105445aa7843bc8bf206b12000100000", "0000000000000001", true, TraceFormat.GCP,
        read(TraceFormat.GCP, Map.of("x-cloud-trace-context", "105445aa7843bc8bf206b12000100000/1;o=1")));
    assertRead("0000000000000abc", "0000000000000def", false, TraceFormat.INSTANA,
        read(TraceFormat.INSTANA, Map.of("x-instana-t", "abc", "x-instana-s", "def", "x-instana-l", "0")));
  }

  @Test
  @DisplayName("writes this gateway's span so that the same format reads it back")
  void roundTrips() {
    TraceContext trace = new TraceContext(TRACE, "1111222233334444", SPAN, true, null);
    for (TraceFormat format : TraceFormat.values()) {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap();
      format.write(trace, headers);
      TraceFormat.Incoming back = format.read(headers).orElseThrow(() -> new AssertionError(format + ": " + headers));
      String expectedTrace = format == TraceFormat.DATADOG ? TRACE.substring(16) : TRACE;
      assertEquals(expectedTrace, back.traceId(), format + " " + headers);
      assertEquals(SPAN, back.spanId(), format + " " + headers);
      assertEquals(true, back.sampled(), format + " " + headers);
    }
  }

  @Test
  @DisplayName("ignores malformed headers instead of continuing a broken trace")
  void ignoresMalformed() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .set("traceparent", "00-" + TRACE + "-short-01")
        .set("uber-trace-id", "not:a:trace")
        .set("x-datadog-trace-id", "99999999999999999999999")
        .set("x-datadog-parent-id", "1")
        .set("X-Amzn-Trace-Id", "Root=1-5759e988-bd86;Parent=53995c3f42cd8ad8");
    for (TraceFormat format : TraceFormat.values()) {
      assertTrue(format.read(headers).isEmpty(), format.kongName());
    }
    assertNull(TraceFormat.named("zipkin").orElse(null));
  }
}
