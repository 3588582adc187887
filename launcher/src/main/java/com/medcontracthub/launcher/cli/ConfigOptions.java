package com.medcontracthub.launcher.cli;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.embedded.InfrastructureException;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.config.Setting;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/** The configuration options every command shares, and the loading of the configuration they select. */
public final class ConfigOptions {

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Configuration profile: embedded, cluster or prod (default: embedded, or cluster with --cluster).")
  String profile;

  @Option(names = "--config", paramLabel = "FILE", description = "A YAML file layered over conf/<profile>.yaml.")
  Path file;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the embedded infrastructure keeps its data (default: ~/.medcontracthub).")
  String dataDir;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Any configuration key, e.g. --set gateway.port=8081 (overrides MCH_* variables).")
  Map<String, String> settings = new LinkedHashMap<>();

  /** What a command does with the configuration it selected, answering its exit status. */
  @FunctionalInterface
  interface Task {
    int run(MchConfig config) throws Exception;
  }

  String profileOr(String fallback) {
    return profile == null ? fallback : profile;
  }

  /**
   * Runs {@code task} on the configuration of {@code --profile} (or {@code fallback}). What the operator can act on
   * (bad configuration or input, unreachable infrastructure, an operation refused) is one line, {@code mch: …}, and
   * exit status 1; anything else is a bug and goes on to picocli with its stack trace.
   */
  int run(String fallback, Task task) {
    try {
      return task.run(load(profileOr(fallback)));
    } catch (ExecutionException e) {
      return failed(e.getCause().getMessage());
    } catch (ConfigException | InfrastructureException | IOException | TimeoutException e) {
      return failed(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.SOFTWARE;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Tells the operator why the command failed; its exit status. */
  static int failed(String message) {
    System.err.println("mch: " + message);
    return ExitCode.SOFTWARE;
  }

  /** Loads and validates the configuration on a short-lived Vert.x instance (clustering needs it before its own). */
  MchConfig load(String profile) {
    Map<String, Setting> flags = new HashMap<>();
    settings.forEach((key, value) -> flags.put(key, new Setting(value, "--set " + key)));
    if (dataDir != null) {
      flags.put(ConfigKeys.DATA_DIR, new Setting(dataDir, "--data-dir"));
    }
    Vertx bootstrap = Vertx.vertx();
    try {
      return ConfigLoader.load(bootstrap, profile, Optional.ofNullable(file), System.getenv(), flags).await();
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      throw new ConfigException(e.getMessage());
    } finally {
      bootstrap.close().await();
    }
  }
}
