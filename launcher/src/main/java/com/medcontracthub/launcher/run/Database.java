package com.medcontracthub.launcher.run;

import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** A migrated PostgreSQL for an operator command: its own Vert.x and pool, closed when the command ends. */
public final class Database implements AutoCloseable {

  private final Vertx vertx;
  private final Pool pool;

  private Database(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** Applies pending migrations, then connects. */
  public static Database open(MchConfig config) {
    Migrations.apply(config.postgresUri());
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool()
        .connectingTo(PgConnectOptions.fromUri(config.postgresUri()))
        .with(new PoolOptions().setMaxSize(config.postgresPoolSize()))
        .using(vertx).build();
    return new Database(vertx, pool);
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
