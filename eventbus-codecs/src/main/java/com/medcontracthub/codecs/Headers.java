package com.medcontracthub.codecs;

/** Header names shared by HTTP, event-bus messages and Kafka records. */
public final class Headers {

  /** The correlation id every request carries through the system (DESIGN §5). */
  public static final String CORRELATION_ID = "X-Correlation-Id";

  /** On a service's reply to a gateway request: the HTTP status to answer with when it is not 200 (201: created). */
  public static final String HTTP_STATUS = "mch-http-status";

  /** Kafka record key of a message bridged between the event bus and Kafka. */
  public static final String KAFKA_KEY = "mch-kafka-key";
  public static final String KAFKA_TOPIC = "mch-kafka-topic";
  public static final String KAFKA_PARTITION = "mch-kafka-partition";
  public static final String KAFKA_OFFSET = "mch-kafka-offset";

  /** Envelope fields carried as Kafka record headers too, so consumers can route without parsing the value. */
  public static final String EVENT_ID = "mch-event-id";
  public static final String EVENT_TYPE = "mch-event-type";
  public static final String TENANT_ID = "mch-tenant-id";
  public static final String SCHEMA_VERSION = "mch-schema-version";

  private Headers() {
  }
}
