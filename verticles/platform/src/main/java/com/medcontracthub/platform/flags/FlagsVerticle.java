package com.medcontracthub.platform.flags;

import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.service.ServiceVerticle;
import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs this JVM's {@link FeatureFlags} and reads what operators set every {@code flags.refresh-ms}, so a flag set
 * on one JVM is seen by every JVM within that time. While Redis cannot be read the last settings read stay in force.
 */
public final class FlagsVerticle extends ServiceVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(FlagsVerticle.class);

  private FeatureFlags flags;
  private FlagStore store;
  private long timer = -1;
  private boolean failing;

  public FlagsVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    flags = new FeatureFlags(config.flags().settings());
    store = new FlagStore(new RedisLine(redis(), config.health().timeoutMs()));
    FeatureFlags.install(vertx, flags);
    return refresh().onComplete(ar -> timer = vertx.setPeriodic(config.flags().refreshMs(), id -> refresh()));
  }

  /** Never fails: a JVM starts, and keeps running, with the flags it could read. */
  private Future<Void> refresh() {
    return store.read().map(set -> {
      Map<Flag, FlagSetting> before = flags.settings();
      flags.apply(set);
      flags.settings().forEach((flag, now) -> {
        if (!Objects.equals(before.get(flag), now)) {
          LOG.info("flag {}: {} (was {})", flag.key(), now, before.get(flag));
        }
      });
      if (failing) {
        LOG.info("flags read from Redis again");
        failing = false;
      }
      return (Void) null;
    }).recover(e -> {
      if (!failing) {
        LOG.warn("flags cannot be read from Redis ({}); the last ones read stay in force", e.toString());
        failing = true;
      }
      return Future.succeededFuture();
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    FeatureFlags.uninstall(vertx, flags);
    // OpenFeature's shutdown waits for its event executor
    return vertx.executeBlocking(() -> {
      flags.close();
      return null;
    }).eventually(super::stop);
  }
}
