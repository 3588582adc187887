package com.medcontracthub.codecs.avro;

import com.medcontracthub.events.Envelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * The domain events and their one binary form: Avro single-object encoding (two marker bytes, the writer schema's
 * 64-bit fingerprint, the Avro body). Any released version of an event decodes into the current class, its fields
 * resolved by Avro's schema resolution; Kafka records, outbox rows and clustered event-bus messages all carry it.
 */
public final class Events {

  private static final int HEADER_LENGTH = 10;
  private static final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> ENCODERS = new HashMap<>();
  private static final Map<Long, BinaryMessageDecoder<SpecificRecord>> DECODERS = new HashMap<>();
  private static final Map<Class<?>, Integer> VERSIONS = new HashMap<>();

  static {
    trustEventClasses();
    SchemaHistory history = SchemaHistory.load();
    for (Class<? extends SpecificRecord> type : EventTypes.ALL) {
      Schema current = EventTypes.schema(type);
      SpecificData model = SpecificData.getForClass(type);
      BinaryMessageDecoder<SpecificRecord> decoder = new BinaryMessageDecoder<>(model, current);
      long currentFingerprint = SchemaNormalization.parsingFingerprint64(current);
      for (SchemaHistory.Release release : history.releases(current.getFullName())) {
        decoder.addSchema(release.schema());
        DECODERS.put(release.fingerprint(), decoder);
        if (release.fingerprint() == currentFingerprint) {
          VERSIONS.put(type, release.version());
        }
      }
      if (!VERSIONS.containsKey(type)) {
        throw new SchemaException(current.getFullName() + " is not a released schema: release it in "
            + SchemaHistory.ROOT + SchemaHistory.INDEX);
      }
      ENCODERS.put(type, new BinaryMessageEncoder<>(model, current));
    }
  }

  private Events() {
  }

  /**
   * Avro instantiates only classes it trusts when it decodes into generated records; ours, and the records nested in
   * them (an envelope, a dead letter's errors), are added to its list.
   */
  private static void trustEventClasses() {
    ClassSecurityValidator.Builder ours = ClassSecurityValidator.builder();
    Set<String> records = new TreeSet<>();
    EventTypes.ALL.forEach(type -> recordsIn(EventTypes.schema(type), records));
    for (String name : records) {
      try {
        ours.add(Class.forName(name));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("a record of an event schema has no generated class: " + name, e);
      }
    }
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours.build()));
  }

  private static void recordsIn(Schema schema, Set<String> records) {
    switch (schema.getType()) {
      case RECORD -> {
        if (records.add(schema.getFullName())) {
          schema.getFields().forEach(field -> recordsIn(field.schema(), records));
        }
      }
      case ARRAY -> recordsIn(schema.getElementType(), records);
      case MAP -> recordsIn(schema.getValueType(), records);
      case UNION -> schema.getTypes().forEach(branch -> recordsIn(branch, records));
      default -> {
      }
    }
  }

  /** The released version the current class writes. */
  public static int version(Class<? extends SpecificRecord> type) {
    return known(type, VERSIONS.get(type));
  }

  /** A new envelope for an event of {@code type}: fresh id, now, the type's name and released version. */
  public static Envelope envelope(Class<? extends SpecificRecord> type, String source, String correlationId,
      String tenantId, String aggregateId) {
    return envelope(type, source, UUID.randomUUID(), Instant.now(), correlationId, tenantId, aggregateId);
  }

  /** The envelope of an event that happened already (one read back from an event store), under its own id and time. */
  public static Envelope envelope(Class<? extends SpecificRecord> type, String source, UUID eventId,
      Instant occurredAt, String correlationId, String tenantId, String aggregateId) {
    return Envelope.newBuilder()
        .setEventId(eventId.toString())
        .setType(type.getSimpleName())
        .setSource(source)
        .setOccurredAt(occurredAt)
        .setCorrelationId(correlationId)
        .setTenantId(tenantId)
        .setAggregateId(aggregateId)
        .setSchemaVersion(version(type))
        .build();
  }

  /** Every event type embeds the envelope as its field {@code envelope}. */
  public static Envelope envelopeOf(SpecificRecord event) {
    return (Envelope) event.get(event.getSchema().getField("envelope").pos());
  }

  public static byte[] encode(SpecificRecord event) {
    try {
      ByteBuffer encoded = known(event.getClass(), ENCODERS.get(event.getClass())).encode(event);
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes an event written with any released schema of any known type. */
  public static SpecificRecord decode(byte[] bytes) {
    if (bytes.length < HEADER_LENGTH || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
      throw new IllegalArgumentException("not an Avro single-object encoded event (" + bytes.length + " bytes)");
    }
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    BinaryMessageDecoder<SpecificRecord> decoder = DECODERS.get(fingerprint);
    if (decoder == null) {
      throw new IllegalArgumentException("event written with an unknown schema (fingerprint "
          + Long.toHexString(fingerprint) + "): this build does not have that release");
    }
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      // whatever bytes arrive: Avro wraps a body cut short (EOFException) in an AvroRuntimeException, and a bad union
      // or enum index fails with an index exception
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalArgumentException("malformed event: " + cause, e);
    }
  }

  private static <T> T known(Class<?> type, T value) {
    if (value == null) {
      throw new IllegalArgumentException(type.getName() + " is not an event type listed in EventTypes.ALL");
    }
    return value;
  }
}
