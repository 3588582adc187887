package com.medcontracthub.platform.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.config.Setting;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.TestInfrastructure;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Feature flags")
class FeatureFlagsTest {

  private static final List<UUID> TENANTS = IntStream.range(0, 2_000).mapToObj(i -> UUID.randomUUID()).toList();

  private static MchConfig config(Vertx vertx, Map<String, String> settings) {
    Map<String, Setting> set = new HashMap<>();
    settings.forEach((key, value) -> set.put(key, new Setting(value, "the test")));
    return ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), set).await();
  }

  private static FeatureFlags at(Flag flag, String setting) {
    Map<Flag, FlagSetting> settings = new EnumMap<>(FeatureFlags.builtIn());
    settings.put(flag, FlagSetting.parse(flag, setting));
    return new FeatureFlags(settings);
  }

  private static long onAmong(FeatureFlags flags, Flag flag) {
    return TENANTS.stream().filter(tenant -> flags.on(flag, tenant)).count();
  }

  @Test
  @DisplayName("a share of tenants is about that share, the same tenants at every evaluation, and a larger share "
      + "keeps them and adds others")
  void shareOfTenants() {
    FeatureFlags quarter = at(Flag.AI_SCORING, "25%");
    FeatureFlags anotherJvm = at(Flag.AI_SCORING, "25%");
    FeatureFlags half = at(Flag.AI_SCORING, "50%");
    FeatureFlags presenceQuarter = at(Flag.LIVE_PRESENCE, "25%");
    FeatureFlags all = at(Flag.AI_SCORING, "100%");
    FeatureFlags none = at(Flag.AI_SCORING, "0%");
    try {
      long on = onAmong(quarter, Flag.AI_SCORING);
      assertTrue(on > 400 && on < 600, on + " of 2000 tenants on at 25%");
      assertEquals(on, onAmong(quarter, Flag.AI_SCORING), "evaluated again, the same count");
      for (UUID tenant : TENANTS) {
        assertEquals(quarter.on(Flag.AI_SCORING, tenant), anotherJvm.on(Flag.AI_SCORING, tenant),
            "a tenant is on the same side in another JVM's flags");
        if (quarter.on(Flag.AI_SCORING, tenant)) {
          assertTrue(half.on(Flag.AI_SCORING, tenant), "a tenant in the 25% is in the 50%");
        }
      }
      long both = TENANTS.stream().filter(t -> presenceQuarter.on(Flag.LIVE_PRESENCE, t)
          && quarter.on(Flag.AI_SCORING, t)).count();
      assertTrue(both < on, "another flag's 25% is not the same tenants (" + both + " in both)");
      assertEquals(TENANTS.size(), onAmong(all, Flag.AI_SCORING));
      assertEquals(0, onAmong(none, Flag.AI_SCORING));
    } finally {
      List.of(quarter, anotherJvm, half, presenceQuarter, all, none).forEach(FeatureFlags::close);
    }
  }

  @Test
  @DisplayName("evaluated through OpenFeature: on, off or split by tenant with a reason; a flag that does not exist "
      + "answers the caller's default with FLAG_NOT_FOUND")
  void throughOpenFeature() {
    OpenFeatureAPI api = OpenFeatureAPI.createIsolated();
    Map<Flag, FlagSetting> settings = new EnumMap<>(FeatureFlags.builtIn());
    settings.put(Flag.AI_SCORING, FlagSetting.OFF);
    settings.put(Flag.LIVE_PRESENCE, FlagSetting.parse(Flag.LIVE_PRESENCE, "50%"));
    api.setProviderAndWait(new FlagProvider(settings));
    try {
      FlagEvaluationDetails<Boolean> off = api.getClient().getBooleanDetails("ai-scoring", true);
      assertEquals(List.of(false, "off", "STATIC"), List.of(off.getValue(), off.getVariant(), off.getReason()));
      FlagEvaluationDetails<Boolean> split = api.getClient().getBooleanDetails("live-presence", false,
          new ImmutableContext(TENANTS.get(0).toString()));
      assertEquals("SPLIT", split.getReason());
      FlagEvaluationDetails<Boolean> unknown = api.getClient().getBooleanDetails("telepathy", true);
      assertEquals(List.of(true, ErrorCode.FLAG_NOT_FOUND), List.of(unknown.getValue(), unknown.getErrorCode()));
      assertEquals(ErrorCode.TYPE_MISMATCH, api.getClient().getStringDetails("ai-scoring", "x").getErrorCode());
    } finally {
      api.shutdown();
    }
  }

  @Test
  @DisplayName("settings that cannot be made are refused, saying what can: in the configuration and by name")
  void refused() {
    assertEquals("ocr-processing is on or off for every tenant, not for a share of them",
        assertThrows(IllegalArgumentException.class, () -> FlagSetting.parse(Flag.OCR_PROCESSING, "25%")).getMessage());
    assertEquals("ai-scoring: 'sometimes' is not a setting; expected on, off or a share of tenants such as 25%",
        assertThrows(IllegalArgumentException.class, () -> FlagSetting.parse(Flag.AI_SCORING, "sometimes"))
            .getMessage());
    assertEquals("a share of tenants is 0% to 100%, not 150%",
        assertThrows(IllegalArgumentException.class, () -> FlagSetting.parse(Flag.AI_SCORING, "150%")).getMessage());
    assertEquals("no flag 'telepathy'; the flags are ai-scoring, ocr-processing, live-presence, local-services",
        assertThrows(IllegalArgumentException.class, () -> Flag.parse("telepathy")).getMessage());
    Vertx vertx = Vertx.vertx();
    try {
      ConfigException bad = assertThrows(ConfigException.class,
          () -> config(vertx, Map.of(ConfigKeys.FLAGS_OCR_PROCESSING, "half")));
      assertEquals("flags.ocr-processing: expected on or off but got 'half' (from the test)", bad.getMessage());
    } finally {
      vertx.close().await();
    }
  }

  @Test
  @DisplayName("a flag operators set in Redis is followed within the refresh period and put back by a reset; a "
      + "setting this release cannot read is passed over")
  void followsRedis(Vertx vertx, VertxTestContext ctx) {
    MchConfig config = config(vertx, Map.of(ConfigKeys.FLAGS_REFRESH_MS, "100", ConfigKeys.FLAGS_AI_SCORING, "off"));
    Redis redis = Redis.createClient(vertx, config.redis().uri());
    FlagStore store = new FlagStore(new RedisLine(redis, 5_000));
    UUID tenant = TENANTS.get(0);
    vertx.deployVerticle(new FlagsVerticle(config))
        .compose(d -> {
          ctx.verify(() -> {
            assertFalse(FeatureFlags.of(vertx).on(Flag.AI_SCORING, tenant), "configured off");
            assertTrue(FeatureFlags.of(vertx).on(Flag.OCR_PROCESSING), "configured on");
          });
          return Future.all(store.set(Flag.AI_SCORING, FlagSetting.ON),
              redis.send(Request.cmd(Command.HSET).arg(FlagStore.KEY).arg("ocr-processing").arg("25%")),
              redis.send(Request.cmd(Command.HSET).arg(FlagStore.KEY).arg("a-later-flag").arg("off")));
        })
        .compose(set -> Eventually.until(vertx, () -> FeatureFlags.of(vertx).on(Flag.AI_SCORING, tenant), 5_000,
            "ai-scoring on, as set"))
        .compose(on -> {
          ctx.verify(() -> assertTrue(FeatureFlags.of(vertx).on(Flag.OCR_PROCESSING), "25% is no setting for OCR"));
          return store.reset(Flag.AI_SCORING);
        })
        .compose(reset -> Eventually.until(vertx, () -> !FeatureFlags.of(vertx).on(Flag.AI_SCORING, tenant), 5_000,
            "ai-scoring back off, as configured"))
        .eventually(() -> redis.send(Request.cmd(Command.DEL).arg(FlagStore.KEY)))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a JVM whose Redis cannot be reached starts with its configured flags")
  void redisUnreachable(Vertx vertx, VertxTestContext ctx) {
    MchConfig config = config(vertx, Map.of(ConfigKeys.REDIS_URI, "redis://127.0.0.1:1",
        ConfigKeys.FLAGS_LIVE_PRESENCE, "off"));
    vertx.deployVerticle(new FlagsVerticle(config)).onComplete(ctx.succeeding(d -> ctx.verify(() -> {
      assertFalse(FeatureFlags.of(vertx).on(Flag.LIVE_PRESENCE, TENANTS.get(0)));
      assertTrue(FeatureFlags.of(vertx).on(Flag.AI_SCORING, TENANTS.get(0)));
      ctx.completeNow();
    })));
  }
}
