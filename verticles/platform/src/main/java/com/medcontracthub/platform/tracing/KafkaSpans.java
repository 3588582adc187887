package com.medcontracthub.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.util.List;
import java.util.function.Supplier;

/**
 * A trace across Kafka, where the outbox stands between the write and the send. The write's span context goes into
 * the outbox row's headers ({@link #remember}); the relay publishes the row in a producer span that continues it and
 * hands its own context on in the record's headers ({@link #publish}); a consumer handles the record in a consumer
 * span that continues that ({@link #process}), current while the handler's event-bus request is sent, so the event
 * bus carries the trace on to the handler. W3C {@code traceparent}; an event written outside a trace starts none.
 */
public final class KafkaSpans {

  private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
  /** The header names of the trace context, which a hop replaces with its own rather than passes on. */
  public static final List<String> FIELDS = List.copyOf(W3C.fields());

  private KafkaSpans() {
  }

  /** The span being handled now (a request, a message), in an outbox row's headers; nothing outside a trace. */
  public static void remember(JsonObject rowHeaders) {
    W3C.inject(Context.current(), rowHeaders, JsonObject::put);
  }

  /**
   * A producer span for an outbox row on its way to {@code topic}, its context written into {@code headers} (the
   * record's, copied from the row's) in place of the row's; null, and the headers left as they are, when the row was
   * written outside a trace or this JVM does not trace.
   */
  public static Span publish(String topic, JsonObject headers) {
    Context written = W3C.extract(Context.root(), headers, JSON);
    if (!Span.fromContext(written).getSpanContext().isValid()) {
      return null;
    }
    Span span = Tracing.tracer().spanBuilder("publish " + topic).setSpanKind(SpanKind.PRODUCER).setParent(written)
        .setAttribute("messaging.system", "kafka").setAttribute("messaging.operation", "publish")
        .setAttribute("messaging.destination.name", topic).startSpan();
    if (span.getSpanContext().isValid()) {
      W3C.inject(written.with(span), headers, JsonObject::put);
    }
    return span;
  }

  /**
   * Runs {@code handling} (the record's event-bus request) in a consumer span that continues the record's trace, and
   * ends the span with its outcome; runs it alone when the record carries no trace.
   */
  public static <T> Future<T> process(KafkaConsumerRecord<?, ?> record, String group, Supplier<Future<T>> handling) {
    Context published = W3C.extract(Context.root(), record.headers(), KAFKA);
    if (!Span.fromContext(published).getSpanContext().isValid()) {
      return handling.get();
    }
    Span span = Tracing.tracer().spanBuilder("process " + record.topic()).setSpanKind(SpanKind.CONSUMER)
        .setParent(published).setAttribute("messaging.system", "kafka").setAttribute("messaging.operation", "process")
        .setAttribute("messaging.destination.name", record.topic())
        .setAttribute("messaging.consumer.group.name", group)
        .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
        .setAttribute("messaging.kafka.offset", record.offset()).startSpan();
    Future<T> handled;
    try (Scope scope = published.with(span).makeCurrent()) {
      handled = handling.get();
    } catch (RuntimeException e) {
      handled = Future.failedFuture(e);
    }
    return handled.andThen(outcome -> end(span, outcome));
  }

  /** Ends a span with the outcome of its work: an error status and the exception when it failed. */
  public static void end(Span span, AsyncResult<?> outcome) {
    if (span == null) {
      return;
    }
    if (outcome.failed()) {
      span.setStatus(StatusCode.ERROR, String.valueOf(outcome.cause().getMessage()));
      span.recordException(outcome.cause());
    }
    span.end();
  }

  private static final TextMapGetter<JsonObject> JSON = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(JsonObject carrier) {
      return carrier.fieldNames();
    }

    @Override
    public String get(JsonObject carrier, String key) {
      return carrier == null || !(carrier.getValue(key) instanceof String value) ? null : value;
    }
  };

  private static final TextMapGetter<List<KafkaHeader>> KAFKA = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(List<KafkaHeader> carrier) {
      return carrier.stream().map(KafkaHeader::key).toList();
    }

    @Override
    public String get(List<KafkaHeader> carrier, String key) {
      if (carrier == null) {
        return null;
      }
      String value = null;
      for (KafkaHeader header : carrier) {
        if (header.key().equals(key)) {
          value = header.value().toString();
        }
      }
      return value;
    }
  };
}
