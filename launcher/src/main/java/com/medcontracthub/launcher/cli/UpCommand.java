package com.medcontracthub.launcher.cli;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.embedded.InfrastructureException;
import com.medcontracthub.launcher.run.Console;
import com.medcontracthub.launcher.run.SystemRunner;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Run MedContractHub.",
        "Without --cluster: every service and the embedded Kafka, PostgreSQL and Redis in this JVM.",
        "With --cluster: join a Hazelcast cluster and use the infrastructure named in the configuration."})
public final class UpCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions options;

  @Option(names = "--cluster", description = "Join a cluster of JVMs (profile cluster unless --profile says otherwise).")
  boolean cluster;

  @Option(names = "--services", split = ",", paramLabel = "NAME",
      description = "The services this JVM runs, comma-separated (default: from the configuration).")
  List<String> services;

  @Option(names = "--fresh", description = "Empty the data directory before starting (embedded profile).")
  boolean fresh;

  @Override
  public Integer call() {
    String profile = options.profileOr(cluster ? "cluster" : "embedded");
    boolean clustered = cluster || profile.equals("prod");
    SystemRunner runner = new SystemRunner(new Console(System.out));
    try {
      if (services != null) {
        options.settings.put(ConfigKeys.SERVICES, String.join(",", services));
      }
      MchConfig config = options.load(profile);
      if (clustered && config.embeddedProfile()) {
        throw new ConfigException("--cluster needs infrastructure every JVM can reach: use --profile cluster "
            + "(run ./mch infra for one on this machine)");
      }
      runner.start(config, clustered, fresh);
    } catch (ConfigException | InfrastructureException e) {
      return ConfigOptions.failed(e.getMessage());
    } catch (RuntimeException e) {
      return ConfigOptions.failed("start-up failed: " + e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(runner::stop, "mch-shutdown"));
    runner.reloadOnHangup();
    return 0;
  }
}
