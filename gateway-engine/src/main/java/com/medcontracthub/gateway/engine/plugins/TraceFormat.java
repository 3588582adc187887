package com.medcontracthub.gateway.engine.plugins;

import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trace-context header formats Kong's tracing plugins read and write ({@code propagation.extract}/{@code inject},
 * {@code header_type}): each reads a caller's context from its headers and writes this gateway's span into them.
 * Ids travel as lower-case hex (trace ids of 16 or 32 digits, span ids of 16); a format with narrower ids (Datadog's
 * 64-bit decimals) keeps the low bits, one with wider ids pads with zeros on the left, as Kong does.
 */
enum TraceFormat {

  W3C("w3c") {
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    @Override
    Optional<Incoming> read(MultiMap headers) {
      return match(TRACEPARENT, headers.get("traceparent"))
          .map(m -> new Incoming(m.group(1), m.group(2), (Integer.parseInt(m.group(3), 16) & 1) == 1, W3C));
    }

    @Override
    void write(TraceContext trace, MultiMap headers) {
      headers.set("traceparent", "00-" + trace.w3cTraceId() + "-" + trace.spanId() + "-0" + flag(trace));
    }
  },

  /** Reads the single {@code b3} header or the {@code X-B3-*} ones; writes the latter. */
  B3("b3") {
    private static final Pattern SINGLE = Pattern.compile("([0-9a-f]{16}|[0-9a-f]{32})-([0-9a-f]{16})(?:-([01d]))?(?:-[0-9a-f]{16})?");

    @Override
    Optional<Incoming> read(MultiMap headers) {
      Optional<Incoming> single = match(SINGLE, lower(headers.get("b3")))
          .map(m -> new Incoming(m.group(1), m.group(2), m.group(3) == null ? null : !m.group(3).equals("0"), B3_SINGLE));
      if (single.isPresent()) {
        return single;
      }
      String sampled = headers.get("X-B3-Sampled");
      return ids(headers, "X-B3-TraceId", "X-B3-SpanId", "1".equals(headers.get("X-B3-Flags")) ? Boolean.TRUE
          : sampled == null ? null : sampled.equals("1") || sampled.equalsIgnoreCase("true"), B3);
    }

    @Override
    void write(TraceContext trace, MultiMap headers) {
      headers.set("X-B3-TraceId", trace.traceId()).set("X-B3-SpanId", trace.spanId()).set("X-B3-Sampled", flag(trace));
      if (trace.parentId() != null) {
        headers.set("X-B3-ParentSpanId", trace.parentId());
      }
    }
  },

  /** Written only: reading {@code b3} covers the single header too. */
  B3_SINGLE("b3-single") {
    @Override
    Optional<Incoming> read(MultiMap headers) {
      return B3.read(headers);
    }

    @Override
    void write(TraceContext trace, MultiMap headers) {
      headers.set("b3", trace.traceId() + "-" + trace.spanId() + "-" + flag(trace)
          + (trace.parentId() == null ? "" : "-" + trace.parentId()));
    }
  },

  /** Jaeger's {@code uber-trace-id: trace:span:parent:flags}. */
  JAEGER("jaeger") {
    private static final Pattern UBER = Pattern.compile("([0-9a-f]{1,32}):([0-9a-f]{1,16}):[0-9a-f]{1,16}:([0-9a-f]{1,2})");

    @Override
    Optional<Incoming> read(MultiMap headers) {
      return match(UBER, lower(headers.get("uber-trace-id"))).map(m -> new Incoming(traceId(m.group(1)),
          pad(m.group(2), 16), (Integer.parseInt(m.group(3), 16) & 1) == 1, JAEGER));
    }

    @Override
    void write(TraceContext trace, MultiMap headers) {
      headers.set("uber-trace-id", trace.traceId() + ":" + trace.spanId() + ":"
          + (trace.parentId() == null ? "0" : trace.parentId()) + ":0" + flag(trace));
    }
  },

  /** OpenTracing's {@code ot-tracer-*} headers. */
  OT("ot") {
    @Override
    Optional<Incoming> read(MultiMap headers) {
      String sampled = headers.get("ot-tracer-sampled");
      return ids(headers, "ot-tracer-traceid", "ot-tracer-spanid", sampled == null ? null : sampled.equals("1"), OT);
    }

    @Override
    void write(TraceContext trace, MultiMap headers) {
      headers.set("ot-tracer-traceid", trace.traceId()).set("ot-tracer-spanid", trace.spanId())
          .set("ot-tracer-sampled", flag(trace));
    }
  },

  /** AWS X-Ray's {@code X-Amzn-Trace-Id: Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>}. */
  AWS("aws") {
    private static final Pattern ROOT = Pattern.compile("1-([0-9a-f]{8})-([0-9a-f]{24})");

    @Override
    Optional<Incoming> read(MultiMap headers) {
      String header = lower(headers.get("X-Amzn-Trace-Id"));
      if (header == null) {
        return Optional.empty();
      }
      Map<String, String> fields = new HashMap<>();
      for (String field : header.split(";")) {
        String[] pair = field.split("=", 2);
        if (pair.length == 2) {
          fields.put(pair[0].trim(), pair[1].trim());
        }
      }
      String parent = fields.get("parent");
      String sampled = fields.get("sampled");
      return match(ROOT, fields.get("root")).filter(root -> parent != null && parent.matches("[0-9a-f]{16}"))
          .map(root -> new Incoming(root.group(1) + root.group(2), parent, sampled == null ? null : sampled.equals("1"), AWS));
    }

    @Override
    void write(TraceContext trace, MultiMap headers) {
      String id = trace.w3cTraceId();
      headers.set("X-Amzn-Trace-Id", "Root=1-" + id.substring(0, 8) + "-" + id.substring(8) + ";Parent="
          + trace.spanId() + ";Sampled=" + flag(trace));
    }
  },

  /** Datadog's decimal {@code x-datadog-trace-id} (the low 64 bits) and {@code x-datadog-parent-id}. */
  DATADOG("datadog") {
    @Override
    Optional<Incoming> read(MultiMap headers) {
      Optional<String> traceId = decimal(headers.get("x-datadog-trace-id"));
      Optional<String> spanId = decimal(headers.get("x-datadog-parent-id"));
      if (traceId.isEmpty() || spanId.isEmpty()) {
        return Optional.empty();
      }
      String priority = headers.get("x-datadog-sampling-priority");
      return Optional.of(new Incoming(traceId.get(), spanId.get(),
          priority == null ? null : !priority.trim().startsWith("-") && !priority.trim().equals("0"), DATADOG));
    }

    @Override
    void write(TraceContext trace, MultiMap headers) {
      String low = trace.traceId().substring(trace.traceId().length() - 16);
      headers.set("x-datadog-trace-id", Long.toUnsignedString(Long.parseUnsignedLong(low, 16)))
          .set("x-datadog-parent-id", Long.toUnsignedString(Long.parseUnsignedLong(trace.spanId(), 16)))
          .set("x-datadog-sampling-priority", flag(trace));
    }
  },

  /** Google Cloud's {@code x-cloud-trace-context: <32 hex>/<decimal span>;o=<0|1>}. */
  GCP("gcp") {
    private static final Pattern CONTEXT = Pattern.compile("([0-9a-f]{32})/([0-9]{1,20})(?:;o=([01]))?");

    @Override
    Optional<Incoming> read(MultiMap headers) {
      return match(CONTEXT, lower(headers.get("x-cloud-trace-context")))
          .flatMap(m -> decimal(m.group(2)).map(span -> new Incoming(m.group(1), span,
              m.group(3) == null ? null : m.group(3).equals("1"), GCP)));
    }

    @Override
    void write(TraceContext trace, MultiMap headers) {
      headers.set("x-cloud-trace-context", trace.w3cTraceId() + "/"
          + Long.toUnsignedString(Long.parseUnsignedLong(trace.spanId(), 16)) + ";o=" + flag(trace));
    }
  },

  /** Instana's {@code x-instana-t}, {@code x-instana-s} and {@code x-instana-l} (level: 1 traced, 0 not). */
  INSTANA("instana") {
    @Override
    Optional<Incoming> read(MultiMap headers) {
      String level = headers.get("x-instana-l");
      return ids(headers, "x-instana-t", "x-instana-s", level == null ? null : !level.trim().startsWith("0"), INSTANA);
    }

    @Override
    void write(TraceContext trace, MultiMap headers) {
      headers.set("x-instana-t", trace.traceId()).set("x-instana-s", trace.spanId()).set("x-instana-l", flag(trace));
    }
  };

  /**
   * A caller's context: its trace, its span (this gateway's parent), its sampling decision if it made one, and the
   * format it came in.
   */
  record Incoming(String traceId, String spanId, Boolean sampled, TraceFormat format) {
  }

  private final String kongName;

  TraceFormat(String kongName) {
    this.kongName = kongName;
  }

  String kongName() {
    return kongName;
  }

  abstract Optional<Incoming> read(MultiMap headers);

  abstract void write(TraceContext trace, MultiMap headers);

  static Optional<TraceFormat> named(String kongName) {
    return Arrays.stream(values()).filter(format -> format.kongName.equals(kongName)).findFirst();
  }

  static List<String> names() {
    return Arrays.stream(values()).map(TraceFormat::kongName).toList();
  }

  /** A context carried as a hex trace id (up to 32 digits) and span id (up to 16) in two headers of their own. */
  private static Optional<Incoming> ids(MultiMap headers, String traceHeader, String spanHeader, Boolean sampled,
      TraceFormat format) {
    String traceId = lower(headers.get(traceHeader));
    String spanId = lower(headers.get(spanHeader));
    if (traceId == null || spanId == null || !traceId.matches("[0-9a-f]{1,32}") || !spanId.matches("[0-9a-f]{1,16}")) {
      return Optional.empty();
    }
    return Optional.of(new Incoming(traceId(traceId), pad(spanId, 16), sampled, format));
  }

  private static Optional<Matcher> match(Pattern pattern, String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher matcher = pattern.matcher(value.trim());
    return matcher.matches() ? Optional.of(matcher) : Optional.empty();
  }

  private static String flag(TraceContext trace) {
    return trace.sampled() ? "1" : "0";
  }

  private static String lower(String value) {
    return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
  }

  /** A hex trace id of up to 32 digits, padded to 16 or 32. */
  private static String traceId(String hex) {
    return pad(hex, hex.length() <= 16 ? 16 : 32);
  }

  private static String pad(String hex, int digits) {
    return "0".repeat(digits - hex.length()) + hex;
  }

  /** An unsigned 64-bit decimal id as 16 hex digits. */
  private static Optional<String> decimal(String value) {
    if (value == null || !value.trim().matches("[0-9]{1,20}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(HexFormat.of().toHexDigits(Long.parseUnsignedLong(value.trim())));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }
}
