package com.medcontracthub.launcher.run;

import com.medcontracthub.embedded.EmbeddedInfrastructure;
import com.medcontracthub.embedded.EmbeddedOptions;
import com.medcontracthub.platform.config.MchConfig;

/** Starts the embedded infrastructure the configuration describes, reporting each component to the console. */
public final class EmbeddedSettings {

  private EmbeddedSettings() {
  }

  public static EmbeddedInfrastructure start(MchConfig config, boolean fresh, Console console) {
    EmbeddedOptions options = new EmbeddedOptions(config.dataDir(), fresh, config.embedded().host(),
        config.embedded().kafkaPort(), config.embedded().kafkaControllerPort(), config.embedded().postgresPort(),
        config.embedded().redisPort(), config.embedded().pickFreePorts());
    return EmbeddedInfrastructure.start(options, console::started);
  }
}
