package com.medcontracthub.codecs.avro;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka values of the {@code mch.*.events} topics: an event in its single-object encoding. */
public final class EventSerializer implements Serializer<SpecificRecord> {

  @Override
  public byte[] serialize(String topic, SpecificRecord event) {
    return event == null ? null : Events.encode(event);
  }
}
