package com.medcontracthub.platform.flags;

import com.medcontracthub.codecs.ConfigKeys;
import java.util.Arrays;
import java.util.Optional;

/**
 * The switches operators turn on a running system, each named as {@code mch flags} and the configuration's
 * {@code flags.*} name it. A flag set by tenant can be on for a share of the tenants; one that is not is on or off for
 * everyone.
 */
public enum Flag {

  AI_SCORING(ConfigKeys.FLAGS_AI_SCORING, true, FlagSetting.ON,
      "bid/no-bid analyses of notices; off: starting one is a 503, the analyses made stay readable"),
  // documents of one Kafka partition are read in order: a tenant paused would hold others' documents behind its own
  OCR_PROCESSING(ConfigKeys.FLAGS_OCR_PROCESSING, false, FlagSetting.ON,
      "reading uploaded documents' text; off: documents wait in their queue and are read once it is on again"),
  LIVE_PRESENCE(ConfigKeys.FLAGS_LIVE_PRESENCE, true, FlagSetting.ON,
      "who is on a notice, live; off: no presence is kept or sent (comments and notes go on)"),
  LOCAL_SERVICES(ConfigKeys.FLAGS_LOCAL_SERVICES, false, FlagSetting.OFF,
      "a gateway's requests served in its own JVM when it runs the service too; off: by any JVM running it, in turn");

  private static final String PREFIX = "flags.";

  private final String configKey;
  private final boolean byTenant;
  private final FlagSetting builtIn;
  private final String description;

  Flag(String configKey, boolean byTenant, FlagSetting builtIn, String description) {
    this.configKey = configKey;
    this.byTenant = byTenant;
    this.builtIn = builtIn;
    this.description = description;
  }

  /** Its setting where no configuration sets one (a verticle deployed on its own). */
  public FlagSetting builtIn() {
    return builtIn;
  }

  /** The flag's name: {@code ai-scoring}. */
  public String key() {
    return configKey.substring(PREFIX.length());
  }

  /** Where the configuration sets it: {@code flags.ai-scoring}. */
  public String configKey() {
    return configKey;
  }

  /** Whether it can be on for a share of the tenants ({@code 25%}). */
  public boolean byTenant() {
    return byTenant;
  }

  public String description() {
    return description;
  }

  public static Optional<Flag> named(String key) {
    return Arrays.stream(values()).filter(flag -> flag.key().equals(key)).findFirst();
  }

  /** The flag named {@code key}, or an error naming the flags there are. */
  public static Flag parse(String key) {
    return named(key).orElseThrow(() -> new IllegalArgumentException("no flag '" + key + "'; the flags are "
        + String.join(", ", Arrays.stream(values()).map(Flag::key).toList())));
  }
}
