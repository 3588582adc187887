package com.medcontracthub.platform.service;

import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.redis.RedisClients;
import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;

/**
 * A verticle of a service: the JVM's configuration, and the PostgreSQL pool, Redis client and job queue it makes on
 * first use, closed when it stops. A verticle with more to release overrides {@link #stop()} and joins {@code super.stop()}.
 */
public abstract class ServiceVerticle extends VerticleBase {

  private static final long JOBS_REDIS_TIMEOUT_MS = 5_000;

  protected final MchConfig config;
  private Pool pool;
  private Redis redis;
  private JobQueue jobs;

  protected ServiceVerticle(MchConfig config) {
    this.config = config;
  }

  /** This verticle's pool on {@code postgres.uri}. */
  protected final Pool pool() {
    if (pool == null) {
      pool = PgPools.create(vertx, config);
    }
    return pool;
  }

  /** This verticle's client of {@code redis.uri}. */
  protected final Redis redis() {
    if (redis == null) {
      redis = RedisClients.create(vertx, config);
    }
    return redis;
  }

  /** The job queue (on this verticle's Redis client), for enqueueing the platform's background work. */
  protected final JobQueue jobs() {
    if (jobs == null) {
      jobs = new JobQueue(new RedisLine(redis(), JOBS_REDIS_TIMEOUT_MS), config.jobs().prefix());
    }
    return jobs;
  }

  @Override
  public Future<?> stop() {
    return Future.join(pool == null ? Future.succeededFuture() : pool.close(),
        redis == null ? Future.succeededFuture() : redis.close());
  }
}
