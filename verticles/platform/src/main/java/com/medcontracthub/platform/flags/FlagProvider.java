package com.medcontracthub.platform.flags;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import java.util.Map;
import java.util.Optional;

/**
 * OpenFeature's provider of the product's flags: each evaluation reads the settings this JVM holds now (the
 * configuration's, overlaid with those operators set), never a remote store, so it is cheap enough for any event loop.
 * The evaluation context's targeting key is the caller's tenant.
 */
final class FlagProvider implements FeatureProvider {

  private volatile Map<Flag, FlagSetting> settings;

  FlagProvider(Map<Flag, FlagSetting> settings) {
    this.settings = Map.copyOf(settings);
  }

  void settings(Map<Flag, FlagSetting> next) {
    settings = Map.copyOf(next);
  }

  Map<Flag, FlagSetting> settings() {
    return settings;
  }

  @Override
  public Metadata getMetadata() {
    return () -> "medcontracthub";
  }

  @Override
  public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext context) {
    Optional<Flag> flag = Flag.named(key);
    if (flag.isEmpty()) {
      return failed(defaultValue, ErrorCode.FLAG_NOT_FOUND, "no flag '" + key + "'");
    }
    FlagSetting setting = settings.get(flag.get());
    boolean on = setting.on(flag.get(), context == null ? null : context.getTargetingKey());
    return ProviderEvaluation.<Boolean>builder().value(on).variant(on ? "on" : "off")
        .reason((setting.partial() ? Reason.SPLIT : Reason.STATIC).name()).build();
  }

  @Override
  public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext context) {
    return notBoolean(key, defaultValue);
  }

  @Override
  public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext context) {
    return notBoolean(key, defaultValue);
  }

  @Override
  public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext context) {
    return notBoolean(key, defaultValue);
  }

  @Override
  public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext context) {
    return notBoolean(key, defaultValue);
  }

  private static <T> ProviderEvaluation<T> notBoolean(String key, T defaultValue) {
    return failed(defaultValue, ErrorCode.TYPE_MISMATCH, "flag '" + key + "' is on or off: read it as a boolean");
  }

  private static <T> ProviderEvaluation<T> failed(T defaultValue, ErrorCode code, String message) {
    return ProviderEvaluation.<T>builder().value(defaultValue).reason(Reason.ERROR.name()).errorCode(code)
        .errorMessage(message).build();
  }
}
