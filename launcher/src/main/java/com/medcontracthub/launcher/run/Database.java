package com.medcontracthub.launcher.run;

import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

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
    Migrations.apply(config.postgres().uri());
    return connect(config);
  }

  /** Connects to a database already migrated. */
  static Database connect(MchConfig config) {
    Vertx vertx = Vertx.vertx();
    return new Database(vertx, PgPools.create(vertx, config));
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
