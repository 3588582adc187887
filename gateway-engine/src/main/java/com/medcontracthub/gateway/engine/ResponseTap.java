package com.medcontracthub.gateway.engine;

import io.vertx.core.MultiMap;

/** A plugin's wish to see an upstream's answer as it streams to the client (the cache keeps a copy). */
public interface ResponseTap {

  /** Whether this answer is worth watching, from its status and headers. */
  boolean wants(int status, MultiMap headers);

  /** What watches the body of the answer. */
  ObservedBody.Observer observer(int status, MultiMap headers);
}
