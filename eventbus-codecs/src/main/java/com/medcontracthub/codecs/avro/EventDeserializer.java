package com.medcontracthub.codecs.avro;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads any released version of any event type into its current generated class. */
public final class EventDeserializer implements Deserializer<SpecificRecord> {

  @Override
  public SpecificRecord deserialize(String topic, byte[] bytes) {
    return bytes == null ? null : Events.decode(bytes);
  }
}
