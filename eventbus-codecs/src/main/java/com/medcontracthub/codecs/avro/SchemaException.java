package com.medcontracthub.codecs.avro;

/** An event schema or its release history is not what the rules require; the message says what to do. */
public final class SchemaException extends RuntimeException {

  public SchemaException(String message) {
    super(message);
  }
}
