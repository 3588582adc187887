package com.medcontracthub.platform.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trace across the outbox and Kafka, with the OpenTelemetry SDK's in-memory exporter in place of a collector
 * (TracingIT exports to a real one).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Traces across the outbox and Kafka")
class KafkaSpansTest {

  private static final InMemorySpanExporter EXPORTED = InMemorySpanExporter.create();
  private static OpenTelemetrySdk sdk;

  @BeforeAll
  static void trace() {
    sdk = Tracing.start("test", 1.0, EXPORTED);
  }

  @AfterAll
  static void close() {
    sdk.close();
  }

  private static List<SpanData> exported() {
    sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    return EXPORTED.getFinishedSpanItems();
  }

  @Test
  @DisplayName("an event written outside a trace carries none and starts none")
  void untraced(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> ctx.verify(() -> {
      JsonObject headers = new JsonObject().put("mch-event-id", "e1");
      KafkaSpans.remember(headers);
      assertEquals(new JsonObject().put("mch-event-id", "e1"), headers);
      assertNull(KafkaSpans.publish("mch.test.events", headers));
      assertEquals(new JsonObject().put("mch-event-id", "e1"), headers);
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("a write's span reaches the relay's producer span through the row, and the consumer's span through the "
      + "record; the handler runs in the consumer's span, which ends with its outcome")
  void acrossTheOutboxAndKafka(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      Span write = Tracing.tracer().spanBuilder("write").startSpan();
      JsonObject row = new JsonObject().put("mch-event-id", "e2");
      try (Scope scope = write.makeCurrent()) {
        KafkaSpans.remember(row);
      }
      write.end();
      Span publish = KafkaSpans.publish("mch.test.events", row);
      publish.end();
      RecordHeaders headers = new RecordHeaders();
      row.forEach(h -> headers.add(h.getKey(), h.getValue().toString().getBytes(StandardCharsets.UTF_8)));
      ConsumerRecord<String, Buffer> consumed = new ConsumerRecord<>("mch.test.events", 3, 42L, 0L,
          TimestampType.CREATE_TIME, 0, 0, "key", Buffer.buffer(), headers,
          Optional.empty());
      Span[] handledIn = new Span[1];
      KafkaSpans.process(new KafkaConsumerRecordImpl<>(consumed), "mch-test", () -> {
        handledIn[0] = Span.current();
        return Future.failedFuture(new IllegalStateException("the handler refused it"));
      }).onComplete(handled -> ctx.verify(() -> {
        assertTrue(handled.failed());
        List<SpanData> spans = exported();
        SpanData written = named(spans, "write");
        SpanData published = named(spans, "publish mch.test.events");
        SpanData processed = named(spans, "process mch.test.events");
        assertEquals(SpanKind.PRODUCER, published.getKind());
        assertEquals(written.getSpanId(), published.getParentSpanId(), "the relay continues the write");
        assertTrue(row.getString("traceparent").contains(published.getSpanId()), "the record carries the publish span");
        assertEquals(SpanKind.CONSUMER, processed.getKind());
        assertEquals(published.getSpanId(), processed.getParentSpanId(), "the consumer continues the publish");
        assertEquals(written.getTraceId(), processed.getTraceId());
        assertEquals(processed.getSpanId(), handledIn[0].getSpanContext().getSpanId(), "the handler runs in it");
        assertEquals("mch-test", processed.getAttributes().get(
            AttributeKey.stringKey("messaging.consumer.group.name")));
        assertEquals(StatusCode.ERROR, processed.getStatus().getStatusCode());
        ctx.completeNow();
      }));
    });
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
  }
}
