package com.medcontracthub.launcher.cli;

import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.GatewayFile;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.extensions.ProductExtensions;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Work with the gateway's declarative file.",
    subcommands = GatewayCommand.Validate.class)
public final class GatewayCommand {

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Check a declarative file (Kong decK format 3.0) without starting anything.")
  static final class Validate implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The file, e.g. conf/gateway.yaml.")
    Path file;

    @Override
    public Integer call() {
      try {
        // the product's plugins (mch-auth) and upstreams (eventbus://) are valid here as in the running gateway
        GatewaySpec spec = GatewayFile.read(file, ProductExtensions.forValidation());
        long routes = spec.services().stream().mapToLong(s -> s.routes().size()).sum() + spec.servicelessRoutes().size();
        long plugins = spec.globalPlugins().size()
            + spec.services().stream().mapToLong(s -> s.plugins().size()
                + s.routes().stream().mapToLong(r -> r.plugins().size()).sum()).sum()
            + spec.servicelessRoutes().stream().mapToLong(r -> r.plugins().size()).sum()
            + spec.consumers().stream().mapToLong(c -> c.plugins().size()).sum();
        System.out.printf("%s: valid (%d services, %d routes, %d plugins, %d consumers)%n", file,
            spec.services().size(), routes, plugins, spec.consumers().size());
        return 0;
      } catch (DeclarativeException | UncheckedIOException e) {
        System.err.println(file + ": " + e.getMessage());
        return 1;
      }
    }
  }
}
