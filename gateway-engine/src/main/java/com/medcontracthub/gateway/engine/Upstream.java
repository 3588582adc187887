package com.medcontracthub.gateway.engine;

import io.vertx.core.Future;

/**
 * Where a matched request goes once every plugin let it through; it answers the client. The engine proxies
 * {@code http(s)://} services itself; a product adds other kinds through {@link UpstreamType}.
 */
public interface Upstream {

  /**
   * Sends the request on and the answer back.
   *
   * @return completes when the client has its answer; failed when the service could not be reached, did not answer
   *     in time or answered with a 5xx (what its circuit breaker counts)
   */
  Future<Void> forward(Exchange exchange);

  /** Stops taking requests; those under way may finish within {@code drainMs}. */
  default void close(long drainMs) {
  }
}
