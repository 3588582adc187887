package com.medcontracthub.embedded;

/** The embedded infrastructure could not start; the message says which part and why. */
public final class InfrastructureException extends RuntimeException {

  public InfrastructureException(String message) {
    super(message);
  }

  public InfrastructureException(String message, Throwable cause) {
    super(message, cause);
  }
}
