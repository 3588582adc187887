package com.medcontracthub.launcher.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the versions of mch, Vert.x and Java.")
public final class VersionCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.out.println(String.join(System.lineSeparator(), new Provider().getVersion()));
    return 0;
  }

  /** Versions from the jar's manifest and Vert.x's own version file. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String mch = VersionCommand.class.getPackage().getImplementationVersion();
      return new String[] {
          "mch " + (mch == null ? "(development build)" : mch),
          "vert.x " + vertxVersion(),
          "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }

    private static String vertxVersion() {
      try (InputStream in = VersionCommand.class.getResourceAsStream("/META-INF/vertx/vertx-version.txt")) {
        return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        return "unknown";
      }
    }
  }
}
