package com.medcontracthub.gateway.declarative;

/** Where a matched request goes once every plugin let it through; it answers the client. */
interface Upstream {

  void forward(Exchange exchange);

  /** Stops taking requests; those under way may finish within {@code drainMs}. */
  default void close(long drainMs) {
  }
}
