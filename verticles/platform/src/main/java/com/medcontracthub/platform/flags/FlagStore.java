package com.medcontracthub.platform.flags;

import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The flags operators set, in one Redis hash every JVM reads: flag name → setting. */
public final class FlagStore {

  private static final Logger LOG = LoggerFactory.getLogger(FlagStore.class);
  public static final String KEY = "mch:flags";

  private final RedisLine redis;

  public FlagStore(RedisLine redis) {
    this.redis = redis;
  }

  /**
   * The settings operators set. A name this release does not know (a newer release's flag) or a setting it cannot
   * read is passed over: the flag keeps its configured setting here.
   */
  public Future<Map<Flag, FlagSetting>> read() {
    return redis.send(Request.cmd(Command.HGETALL).arg(KEY)).map(FlagStore::settings);
  }

  private static Map<Flag, FlagSetting> settings(Response hash) {
    Map<Flag, FlagSetting> set = new EnumMap<>(Flag.class);
    for (String name : hash.getKeys()) {
      Optional<Flag> flag = Flag.named(name);
      if (flag.isEmpty()) {
        continue;
      }
      try {
        set.put(flag.get(), FlagSetting.parse(flag.get(), hash.get(name).toString()));
      } catch (IllegalArgumentException e) {
        LOG.warn("flag {} in Redis passed over: {}", name, e.getMessage());
      }
    }
    return set;
  }

  public Future<Void> set(Flag flag, FlagSetting setting) {
    return redis.send(Request.cmd(Command.HSET).arg(KEY).arg(flag.key()).arg(setting.toString())).mapEmpty();
  }

  /** Back to the configured setting. */
  public Future<Void> reset(Flag flag) {
    return redis.send(Request.cmd(Command.HDEL).arg(KEY).arg(flag.key())).mapEmpty();
  }
}
