package com.medcontracthub.platform.bus;

/** A search parameter is malformed; the message names it and says what is expected. */
public final class BadQueryException extends Refusal {

  public BadQueryException(String message) {
    super(400, message);
  }
}
