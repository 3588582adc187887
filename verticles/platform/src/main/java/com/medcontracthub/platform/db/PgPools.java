package com.medcontracthub.platform.db;

import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL pools on {@code postgres.uri}, with bounds on the waits: for a free connection, for a statement
 * ({@code postgres.statement-timeout-ms}, enforced by the server, which cancels it) and for a transaction's next
 * statement ({@code postgres.idle-in-transaction-timeout-ms}: a frozen JVM's transaction ends and frees its locks).
 * Connecting keeps the client's defaults (60 s, no TCP keepalive): vertx-pg-client 5.0.7 ignores the network options a
 * pool is given (fixed in 5.0.9).
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
            .addProperty("statement_timeout", Long.toString(config.postgres().statementTimeoutMs()))
            .addProperty("idle_in_transaction_session_timeout",
                Long.toString(config.postgres().idleInTransactionTimeoutMs())))
        .with(new PoolOptions().setMaxSize(maxSize)
            .setConnectionTimeout((int) acquireTimeoutMs).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .using(vertx).build();
  }
}
