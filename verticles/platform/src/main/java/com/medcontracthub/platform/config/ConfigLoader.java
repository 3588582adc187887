package com.medcontracthub.platform.config;

import com.medcontracthub.codecs.ConfigKeys;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the configuration in layers, each overriding the one before: {@code conf/base.yaml} and
 * {@code conf/<profile>.yaml} from the classpath, an optional operator file, {@code MCH_*} environment variables, then command-line settings.
 */
public final class ConfigLoader {

  private ConfigLoader() {
  }

  /**
   * @param env   the process environment; only variables named for a {@link ConfigKeys} key are read
   * @param flags settings from the command line, keyed by configuration key
   * @return the validated configuration, or a failed future with a {@link ConfigException}
   */
  public static Future<MchConfig> load(Vertx vertx, String profile, Optional<Path> file, Map<String, String> env,
      Map<String, Setting> flags) {
    if (!MchConfig.PROFILES.contains(profile)) {
      return Future.failedFuture(new ConfigException("unknown profile '" + profile + "': expected one of "
          + String.join(", ", MchConfig.PROFILES)));
    }
    if (file.isPresent() && !Files.isRegularFile(file.get())) {
      return Future.failedFuture(new ConfigException("configuration file " + file.get() + " does not exist"));
    }
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false)
        .addStore(yaml("conf/base.yaml"))
        .addStore(yaml("conf/" + profile + ".yaml"));
    file.ifPresent(path -> options.addStore(yaml(path.toString())));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .recover(e -> Future.failedFuture(new ConfigException("cannot read configuration of profile '" + profile
            + "'" + file.map(f -> " and " + f).orElse("") + ": " + e.getMessage())))
        .eventually(retriever::close)
        .map(tree -> MchConfig.from(tree, overrides(env, flags), "conf/" + profile + ".yaml"));
  }

  private static ConfigStoreOptions yaml(String path) {
    return new ConfigStoreOptions().setType("file").setFormat("yaml")
        .setConfig(new JsonObject().put("path", path));
  }

  /** Environment variables first, flags on top: the command line wins. */
  static Map<String, Setting> overrides(Map<String, String> env, Map<String, Setting> flags) {
    Map<String, Setting> merged = new LinkedHashMap<>();
    for (String key : ConfigKeys.ALL) {
      String value = env.get(ConfigKeys.envName(key));
      if (value != null) {
        merged.put(key, new Setting(value, ConfigKeys.envName(key)));
      }
    }
    for (Map.Entry<String, Setting> flag : flags.entrySet()) {
      if (!ConfigKeys.ALL.contains(flag.getKey())) {
        throw new ConfigException("unknown configuration key '" + flag.getKey() + "' (from " + flag.getValue().origin()
            + "); known keys: " + String.join(", ", ConfigKeys.ALL));
      }
      merged.put(flag.getKey(), flag.getValue());
    }
    return new HashMap<>(merged);
  }
}
