package com.medcontracthub.launcher.cli;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.embedded.EmbeddedInfrastructure;
import com.medcontracthub.launcher.run.Console;
import com.medcontracthub.launcher.run.EmbeddedSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "infra", mixinStandardHelpOptions = true,
    description = {"Run only the embedded Kafka, PostgreSQL and Redis, for JVMs started with 'mch up --cluster'.",
        "Prints the MCH_* settings those JVMs need."})
public final class InfraCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions options;

  @Option(names = "--fresh", description = "Empty the data directory before starting.")
  boolean fresh;

  @Override
  public Integer call() {
    Console console = new Console(System.out);
    return options.run("embedded", config -> {
      EmbeddedInfrastructure infra = EmbeddedSettings.start(config, fresh, console);
      Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "mch-infra-shutdown"));
      console.line("MedContractHub infrastructure ready. In other terminals, with these settings:");
      infra.settings().forEach((key, value) -> console.line("  export " + ConfigKeys.envName(key) + "=" + value));
      console.line("then: ./mch up --cluster --services=gateway,identity,opportunities,realtime,worker   "
          + "(and more JVMs: --services=opportunities,realtime)");
      return 0;
    });
  }
}
