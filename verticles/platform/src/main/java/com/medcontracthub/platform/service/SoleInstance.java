package com.medcontracthub.platform.service;

import com.medcontracthub.platform.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;

/**
 * A service whose data lives in one JVM's files (an embedded store) must run in one JVM of the cluster: a second one
 * would keep part of the data in files of its own and answer from them. The first one holds a cluster-wide lock for its
 * life; another one is refused at start, with the reason.
 */
public final class SoleInstance {

  private static final long LOCK_WAIT_MS = 2_000;

  private SoleInstance() {
  }

  /**
   * The lock {@code name}, held until released; failed with a {@link ConfigException} saying {@code refusal} when
   * another JVM holds it.
   */
  public static Future<Lock> claim(Vertx vertx, String name, String configKey, String refusal) {
    return vertx.sharedData().getLockWithTimeout(name, LOCK_WAIT_MS)
        .recover(e -> Future.failedFuture(new ConfigException(configKey + ": " + refusal)));
  }
}
