package com.medcontracthub.platform.flags;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * The flags as this JVM sees them, read through OpenFeature: every service of the JVM asks the one instance its node
 * installed ({@link #of}), whose settings {@link FlagsVerticle} keeps up to date. Where none is installed (a verticle
 * deployed on its own) every flag is at its built-in setting.
 */
public final class FeatureFlags implements Shareable {

  private static final String LOCAL_MAP = "mch.flags";
  private static final String INSTALLED = "installed";
  private static final FeatureFlags BUILT_IN = new FeatureFlags(builtIn());

  private final Map<Flag, FlagSetting> configured;
  private final FlagProvider provider;
  private final OpenFeatureAPI api;
  private final Client client;

  /** Flags at {@code configured} (every flag's setting) until operators set others. */
  public FeatureFlags(Map<Flag, FlagSetting> configured) {
    this.configured = Map.copyOf(configured);
    this.provider = new FlagProvider(this.configured);
    this.api = OpenFeatureAPI.createIsolated();
    api.setProviderAndWait(provider);
    this.client = api.getClient();
  }

  /** Every flag at its built-in setting. */
  public static Map<Flag, FlagSetting> builtIn() {
    Map<Flag, FlagSetting> all = new EnumMap<>(Flag.class);
    for (Flag flag : Flag.values()) {
      all.put(flag, flag.builtIn());
    }
    return all;
  }

  /** The flags of the JVM {@code vertx} runs in. */
  public static FeatureFlags of(Vertx vertx) {
    FeatureFlags installed = map(vertx).get(INSTALLED);
    return installed == null ? BUILT_IN : installed;
  }

  static void install(Vertx vertx, FeatureFlags flags) {
    map(vertx).put(INSTALLED, flags);
  }

  static void uninstall(Vertx vertx, FeatureFlags flags) {
    map(vertx).removeIfPresent(INSTALLED, flags);
  }

  private static LocalMap<String, FeatureFlags> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(LOCAL_MAP);
  }

  /** Whether {@code flag} is on for {@code tenantId}. */
  public boolean on(Flag flag, UUID tenantId) {
    String tenant = tenantId.toString();
    return client.getBooleanValue(flag.key(), configured.get(flag).on(flag, tenant), new ImmutableContext(tenant));
  }

  /** Whether {@code flag}, one set for every tenant alike, is on. */
  public boolean on(Flag flag) {
    return client.getBooleanValue(flag.key(), configured.get(flag).on(flag, null));
  }

  /** The settings in force: the configuration's, with {@code set} (what operators set) over them. */
  void apply(Map<Flag, FlagSetting> set) {
    Map<Flag, FlagSetting> next = new EnumMap<>(configured);
    next.putAll(set);
    provider.settings(next);
  }

  Map<Flag, FlagSetting> settings() {
    return provider.settings();
  }

  void close() {
    api.shutdown();
  }
}
