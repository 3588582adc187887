package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.Plugin;
import com.medcontracthub.gateway.engine.PluginContext;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;

/**
 * Kong's {@code opentelemetry}: a server span for each sampled request through the gateway, continuing the caller's
 * trace (W3C {@code traceparent} or B3) and handed on to the upstream in the same header type ({@code header_type:
 * preserve}, W3C for a new trace) or another; spans go to {@code traces_endpoint} over OTLP in batches
 * ({@code queue}): OTLP/HTTP protobuf for an {@code http(s)://} URL, as Kong, and OTLP/gRPC for {@code grpc://host:port}.
 * A collector that is down loses spans, never requests.
 */
final class OpenTelemetryPlugin implements Plugin {

  private static final String SPAN = "mch.opentelemetry.span";

  static final ConfigSchema SCHEMA = SpanQueue.collectorFields(ConfigSchema.builder()
      .string("traces_endpoint", null)
      .stringMap("headers")
      .stringMap("resource_attributes")
      // Kong's global tracing_sampling_rate applies when the plugin sets none; its default is 0.01
      .number("sampling_rate", 0.01, 0)
      .oneOf("header_type", "preserve", TracePropagation.headerTypes())
      .record("propagation", TracePropagation.schema("w3c"))
      .string("http_response_header_for_traceid", null), 1_000L, 200)
      .build();

  private final JsonObject config;
  private final TracePropagation propagation;
  private final OtlpExport export;
  private final SpanQueue<Span> spans;

  OpenTelemetryPlugin(JsonObject config, PluginContext context) {
    this.config = config;
    this.propagation = TracePropagation.of(config, "w3c");
    this.export = OtlpExport.to(context.vertx(), config);
    this.spans = new SpanQueue<>(context.vertx(), "opentelemetry", config.getJsonObject("queue"), export::send);
  }

  static void check(GatewaySpec.Plugin declared) {
    String endpoint = declared.config().getString("traces_endpoint");
    if (endpoint == null || !endpoint.matches("(https?|grpc)://.+")) {
      throw new DeclarativeException(declared.path() + ".config.traces_endpoint",
          "required: the collector's OTLP/HTTP URL (http://collector:4318/v1/traces) or its OTLP/gRPC address "
              + "(grpc://collector:4317)");
    }
    if (declared.config().getDouble("sampling_rate") > 1) {
      throw new DeclarativeException(declared.path() + ".config.sampling_rate", "a probability: from 0 to 1");
    }
    TracePropagation.check(declared);
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    TraceContext trace = propagation.begin(exchange, SPAN, config.getDouble("sampling_rate"), 16);
    String traceIdHeader = config.getString("http_response_header_for_traceid");
    if (traceIdHeader != null) {
      exchange.ctx().response().putHeader(traceIdHeader, trace.traceId());
    }
    return Answers.GO_ON;
  }

  @Override
  public void log(Exchange exchange, long nanos) {
    TraceContext trace = TraceContext.sampled(exchange, SPAN);
    if (trace == null) {
      return;
    }
    HttpServerRequest request = exchange.ctx().request();
    int status = exchange.ctx().response().getStatusCode();
    long endNanos = System.currentTimeMillis() * 1_000_000;
    Span.Builder span = Span.newBuilder()
        .setTraceId(OtlpExport.bytes(trace.w3cTraceId()))
        .setSpanId(OtlpExport.bytes(trace.spanId()))
        .setName("kong")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(endNanos - nanos)
        .setEndTimeUnixNano(endNanos)
        .addAttributes(attribute("http.method", request.method().name()))
        .addAttributes(attribute("http.url", request.absoluteURI()))
        .addAttributes(attribute("http.host", request.authority() == null ? "" : request.authority().host()))
        .addAttributes(attribute("http.scheme", request.scheme()))
        .addAttributes(attribute("http.flavor", flavor(request.version())))
        .addAttributes(attribute("net.peer.ip", request.remoteAddress().host()))
        .addAttributes(KeyValue.newBuilder().setKey("http.status_code").setValue(AnyValue.newBuilder().setIntValue(status)))
        .addAttributes(attribute("kong.service.name", exchange.service().name()))
        .addAttributes(attribute("kong.route.name", exchange.route().name()))
        .setStatus(Status.newBuilder()
            .setCode(status >= 500 ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_UNSET));
    if (trace.parentId() != null) {
      span.setParentSpanId(OtlpExport.bytes(trace.parentId()));
    }
    spans.add(span.build());
  }

  @Override
  public void close() {
    spans.flush().onComplete(sent -> export.close());
  }

  private static String flavor(HttpVersion version) {
    return switch (version) {
      case HTTP_1_0 -> "1.0";
      case HTTP_1_1 -> "1.1";
      case HTTP_2 -> "2.0";
    };
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
