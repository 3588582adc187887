package com.medcontracthub.gateway.engine.plugins;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Where {@code proxy-cache} keeps answers: this JVM's memory, or Redis for every gateway. */
interface CacheStore {

  /** The entry under {@code key}, or null. */
  Future<JsonObject> get(String key);

  Future<Void> put(String key, JsonObject entry, long ttlSeconds);

  /**
   * A bounded map per {@code dictionary_name} (Kong's shared dictionary), one for all of the JVM's gateway event
   * loops and kept across reloads; when full, an expired entry or else an arbitrary one makes room.
   */
  final class Memory implements CacheStore {

    private static final int MAX_ENTRIES = 10_000;
    private static final String SHARED = "mch.gateway.proxy-cache.memory";

    private record Kept(JsonObject entry, long expiresAt) {
    }

    /** Every event loop of the JVM reads the same entries ({@link JvmWide}). */
    private static final class Dictionary implements Shareable {
      final Map<String, Kept> entries = new ConcurrentHashMap<>();
    }

    private final Map<String, Kept> entries;

    Memory(Vertx vertx, String dictionaryName) {
      this.entries = JvmWide.get(vertx, SHARED, dictionaryName, Dictionary::new).entries;
    }

    @Override
    public Future<JsonObject> get(String key) {
      Kept kept = entries.get(key);
      if (kept == null || kept.expiresAt() < System.currentTimeMillis()) {
        return Future.succeededFuture();
      }
      return Future.succeededFuture(kept.entry());
    }

    @Override
    public Future<Void> put(String key, JsonObject entry, long ttlSeconds) {
      long now = System.currentTimeMillis();
      if (entries.size() >= MAX_ENTRIES) {
        entries.values().removeIf(k -> k.expiresAt() < now);
        if (entries.size() >= MAX_ENTRIES) {
          entries.keySet().stream().findAny().ifPresent(entries::remove);
        }
      }
      entries.put(key, new Kept(entry, now + ttlSeconds * 1000));
      return Future.succeededFuture();
    }
  }

  /** One Redis key per entry, expiring with it. */
  final class InRedis implements CacheStore {

    private static final String PREFIX = "mch:proxy-cache:";

    private final Redis redis;
    private final long timeoutMs;

    InRedis(Redis redis, long timeoutMs) {
      this.redis = redis;
      this.timeoutMs = timeoutMs;
    }

    @Override
    public Future<JsonObject> get(String key) {
      return redis.send(Request.cmd(Command.GET).arg(PREFIX + key)).timeout(timeoutMs, TimeUnit.MILLISECONDS)
          .map(value -> value == null ? null : new JsonObject(value.toBuffer()));
    }

    @Override
    public Future<Void> put(String key, JsonObject entry, long ttlSeconds) {
      return redis.send(Request.cmd(Command.SET).arg(PREFIX + key).arg(entry.toBuffer()).arg("EX").arg(ttlSeconds))
          .timeout(timeoutMs, TimeUnit.MILLISECONDS).mapEmpty();
    }
  }
}
