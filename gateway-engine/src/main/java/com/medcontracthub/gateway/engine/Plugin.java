package com.medcontracthub.gateway.engine;

import io.vertx.core.Future;

/**
 * A plugin instance in a route's chain, run in Kong's priority order before the upstream is called (Kong's access
 * phase), and told about every answer once it is sent (the log phase), whoever gave it.
 */
public interface Plugin {

  /** @return true to go on (to the next plugin, then the upstream), false when this plugin has answered */
  Future<Boolean> access(Exchange exchange);

  /** The answer to a request on this plugin's route was sent, {@code nanos} after the request arrived. */
  default void log(Exchange exchange, long nanos) {
  }

  /** The routes this instance served were replaced (a reload) or stopped: release what it holds. */
  default void close() {
  }
}
