package com.medcontracthub.codecs.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.events.PipelineStageChanged;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Domain events in Avro")
@ExtendWith(VertxExtension.class)
class EventsTest {

  private static PipelineStageChanged moved() {
    return PipelineStageChanged.newBuilder()
        .setEnvelope(Events.envelope(PipelineStageChanged.class, "opportunities", "corr-1", "tenant-1", "tenant-1:N1"))
        .setNoticeId("N1").setFrom(null).setTo("bidding").setBy("user-1").setVersion(1)
        .build();
  }

  @Test
  @DisplayName("get an envelope with a fresh id, their type name and the released version they are written with")
  void envelope() {
    PipelineStageChanged event = moved();
    assertEquals("PipelineStageChanged", event.getEnvelope().getType());
    assertEquals(36, event.getEnvelope().getEventId().length());
    assertEquals(1, event.getEnvelope().getSchemaVersion());
    assertEquals(event.getEnvelope(), Events.envelopeOf(event));
  }

  @Test
  @DisplayName("decode from their single-object encoding into the class of their type")
  void roundTrip() {
    PipelineStageChanged event = moved();
    event.getEnvelope().setOccurredAt(event.getEnvelope().getOccurredAt().truncatedTo(ChronoUnit.MILLIS));
    byte[] bytes = Events.encode(event);
    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals(event, Events.decode(bytes));
    assertEquals(event, new EventDeserializer().deserialize("mch.pipeline.events",
        new EventSerializer().serialize("mch.pipeline.events", event)));
  }

  @Test
  @DisplayName("refuse bytes that are not an event, and an event of a schema this build does not have")
  void refuseUnknownBytes() {
    IllegalArgumentException notAvro = assertThrows(IllegalArgumentException.class,
        () -> Events.decode("{\"json\":true}".getBytes()));
    assertTrue(notAvro.getMessage().startsWith("not an Avro single-object encoded event"), notAvro.getMessage());
    byte[] bytes = Events.encode(moved());
    bytes[5] ^= 0x5A;
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Events.decode(bytes));
    assertTrue(unknown.getMessage().startsWith("event written with an unknown schema"), unknown.getMessage());
  }

  @Test
  @DisplayName("refuse an event cut short or garbled in its body, and encoding a record that is not an event type")
  void refuseBrokenEvents() {
    byte[] whole = Events.encode(moved());
    byte[] cut = Arrays.copyOf(whole, whole.length - 10);
    IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class, () -> Events.decode(cut));
    assertTrue(malformed.getMessage().startsWith("malformed event: "), malformed.getMessage());
    // every byte of the body in turn set to -1 (a union branch or length far out of range): refused or read, never
    // another exception
    for (int i = 10; i < whole.length; i++) {
      byte[] flipped = whole.clone();
      flipped[i] = (byte) 0xFF;
      try {
        Events.decode(flipped);
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().startsWith("malformed event: "), e.getMessage());
      }
    }
    IllegalArgumentException notAnEvent = assertThrows(IllegalArgumentException.class,
        () -> Events.encode(moved().getEnvelope()));
    assertEquals("com.medcontracthub.events.Envelope is not an event type listed in EventTypes.ALL",
        notAnEvent.getMessage());
  }

  @Test
  @DisplayName("cross the event bus's wire with their codec, and arrive as a copy inside one JVM")
  void codec(Vertx vertx, VertxTestContext test) {
    EventCodec.registerAll(vertx);
    OpportunityChanged event = OpportunityChanged.newBuilder()
        .setEnvelope(Events.envelope(OpportunityChanged.class, "opportunities", null, null, "N9"))
        .setNoticeId("N9").setChange("updated").build();
    event.getEnvelope().setOccurredAt(event.getEnvelope().getOccurredAt().truncatedTo(ChronoUnit.MILLIS));

    EventCodec<OpportunityChanged> codec = new EventCodec<>(OpportunityChanged.class);
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, event);
    assertEquals(event, codec.decodeFromWire("prefix".length(), wire));

    vertx.eventBus().<OpportunityChanged>consumer("test.events", message -> test.verify(() -> {
      assertEquals(event, message.body());
      assertNotSame(event, message.body());
      test.completeNow();
    }));
    vertx.eventBus().send("test.events", event);
  }
}
