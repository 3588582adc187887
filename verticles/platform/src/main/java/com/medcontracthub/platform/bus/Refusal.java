package com.medcontracthub.platform.bus;

/**
 * A request refused for a reason the caller should see as is, with an HTTP-like status the gateway passes on
 * (400 bad input, 401, 403, 404, 409, 429; 503 for a capability switched off or too busy, which is no failure of the
 * service: it does not count against the service's circuit at the gateway).
 */
public class Refusal extends RuntimeException {

  private final int status;

  public Refusal(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
