package com.medcontracthub.platform.tracing;

import com.medcontracthub.platform.config.MchConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's OpenTelemetry, when {@code tracing.endpoint} names a collector: spans of the services this JVM runs
 * ({@code service.name} is their names joined by {@code +}), sampled per trace at {@code tracing.sampling} unless the
 * caller decided, W3C trace context on every hop, exported in batches over OTLP (gRPC or HTTP) on the SDK's own
 * thread. Its tracer is the one the outbox relay and the Kafka bridge start their spans with.
 */
public final class Tracing {

  /** How long a finished span may wait for its batch: traces show up within seconds. */
  private static final Duration BATCH_DELAY = Duration.ofSeconds(1);
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final String SCOPE = "com.medcontracthub";

  /** The JVM's tracer: the started SDK's, or one that records nothing. */
  private static volatile Tracer tracer = OpenTelemetry.noop().getTracer(SCOPE);

  private Tracing() {
  }

  /** The JVM's OpenTelemetry, its tracer the one {@link #tracer()} answers; empty when no collector is configured. */
  public static Optional<OpenTelemetrySdk> start(MchConfig config) {
    return config.tracing().endpoint().map(endpoint -> start(String.join("+", config.services()),
        config.tracing().sampling(), exporter(endpoint, config.tracing().timeoutMs())));
  }

  /** An OpenTelemetry for {@code service}'s spans, sampled at {@code sampling}, handed to {@code exporter}. */
  static OpenTelemetrySdk start(String service, double sampling, SpanExporter exporter) {
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, service))))
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(sampling)))
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(BATCH_DELAY).build())
            .build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    tracer = sdk.getTracer(SCOPE);
    // the spans of the last second go out before the JVM does
    Runtime.getRuntime().addShutdownHook(new Thread(() -> sdk.shutdown().join(5, TimeUnit.SECONDS),
        "mch-tracing-stop"));
    return sdk;
  }

  static Tracer tracer() {
    return tracer;
  }

  private static SpanExporter exporter(URI endpoint, long timeoutMs) {
    Duration timeout = Duration.ofMillis(timeoutMs);
    if ("grpc".equals(endpoint.getScheme())) {
      return OtlpGrpcSpanExporter.builder().setEndpoint("http://" + endpoint.getHost() + ":" + endpoint.getPort())
          .setTimeout(timeout).build();
    }
    return OtlpHttpSpanExporter.builder().setEndpoint(endpoint.toString()).setTimeout(timeout).build();
  }
}
