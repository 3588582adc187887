package com.medcontracthub.opportunities.cache;

import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reads of single opportunities in Redis, shared by every JVM. Entries are dropped when an
 * {@code OpportunityChanged} event arrives and expire after {@link #TTL_SECONDS} anyway. Redis being down only costs
 * speed: reads fall through to PostgreSQL. Calls are pipelined on one connection: the Kafka bridge hands over a
 * whole batch of change events at once, more than a pool would queue.
 */
public final class OpportunityCache {

  static final long TTL_SECONDS = 300;
  private static final String PREFIX = "mch:opportunity:";
  private static final Logger LOG = LoggerFactory.getLogger(OpportunityCache.class);

  private final RedisLine redis;

  public OpportunityCache(RedisLine redis) {
    this.redis = redis;
  }

  public Future<Optional<JsonObject>> get(String noticeId) {
    return redis.send(Request.cmd(Command.GET).arg(PREFIX + noticeId))
        .map(cached -> cached == null ? Optional.<JsonObject>empty() : Optional.of(new JsonObject(cached.toString())))
        .recover(e -> {
          LOG.warn("opportunity cache read failed ({}); reading PostgreSQL", e.toString());
          return Future.succeededFuture(Optional.empty());
        });
  }

  public void put(String noticeId, JsonObject opportunity) {
    redis.send(Request.cmd(Command.SET).arg(PREFIX + noticeId).arg(opportunity.encode()).arg("EX").arg(TTL_SECONDS))
        .onFailure(e -> LOG.warn("opportunity cache write failed: {}", e.toString()));
  }

  public Future<Void> forget(String noticeId) {
    return redis.send(Request.cmd(Command.DEL).arg(PREFIX + noticeId)).mapEmpty();
  }
}
