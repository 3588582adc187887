package com.medcontracthub.platform.db;

import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/** PostgreSQL pools on {@code postgres.uri}, with a bound on how long a caller waits for a connection. */
public final class PgPools {

  /** How long a service's query may wait for a free connection before it fails. */
  public static final long ACQUIRE_TIMEOUT_MS = 10_000;

  private PgPools() {
  }

  /** A service's pool: {@code postgres.pool-size} connections. */
  public static Pool create(Vertx vertx, MchConfig config) {
    return create(vertx, config, config.postgres().poolSize(), ACQUIRE_TIMEOUT_MS);
  }

  public static Pool create(Vertx vertx, MchConfig config, int maxSize, long acquireTimeoutMs) {
    return PgBuilder.pool()
        .connectingTo(PgConnectOptions.fromUri(config.postgres().uri()))
        .with(new PoolOptions().setMaxSize(maxSize)
            .setConnectionTimeout((int) acquireTimeoutMs).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .using(vertx).build();
  }
}
