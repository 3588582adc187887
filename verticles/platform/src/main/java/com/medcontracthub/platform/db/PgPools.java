package com.medcontracthub.platform.db;

import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL pools on {@code postgres.uri}, with bounds on every wait: for a free connection, for connecting, for a
 * statement ({@code postgres.statement-timeout-ms}, enforced by the server, which cancels it), and TCP keepalive so a
 * connection whose peer vanished is found out.
 */
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
        .connectingTo(PgConnectOptions.fromUri(config.postgres().uri())
            .addProperty("statement_timeout", Long.toString(config.postgres().statementTimeoutMs())))
        .with(new NetClientOptions().setConnectTimeout((int) config.health().timeoutMs()).setTcpKeepAlive(true))
        .with(new PoolOptions().setMaxSize(maxSize)
            .setConnectionTimeout((int) acquireTimeoutMs).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .using(vertx).build();
  }
}
