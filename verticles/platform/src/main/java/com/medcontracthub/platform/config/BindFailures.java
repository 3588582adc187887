package com.medcontracthub.platform.config;

import io.vertx.core.Future;
import java.net.BindException;

/** A server that could not listen, explained with the setting that chose its port. */
public final class BindFailures {

  private BindFailures() {
  }

  /** Recovers a failed {@code listen()}: a port in use becomes a {@link PortInUseException} naming {@code key}. */
  public static <T> Future<T> explain(Throwable e, String host, int port, String key) {
    boolean inUse = e instanceof BindException || String.valueOf(e.getMessage()).contains("Address already in use");
    return Future.failedFuture(inUse ? new PortInUseException(host, port, key) : e);
  }
}
