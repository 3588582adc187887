package com.medcontracthub.opportunities.search;

/** A search parameter is malformed; the message names it and says what is expected. */
public final class BadQueryException extends RuntimeException {

  public BadQueryException(String message) {
    super(message, null, false, false);
  }
}
