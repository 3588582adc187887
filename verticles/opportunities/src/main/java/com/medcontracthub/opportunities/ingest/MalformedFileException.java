package com.medcontracthub.opportunities.ingest;

import java.io.IOException;

/** The file is not JSON (or not the shapes we read) from some point on; the message says where. */
public final class MalformedFileException extends IOException {

  public MalformedFileException(String message) {
    super(message);
  }

  public MalformedFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
