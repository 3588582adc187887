package com.medcontracthub.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The processes a benchmark starts beside itself. */
final class Processes {

  private Processes() {
  }

  /** Starts a process and waits for a line of its output that starts with {@code readyPrefix}. */
  static Process startAndWait(List<String> command, Map<String, String> env, String readyPrefix) throws IOException {
    return startAndWait(command, env, readyPrefix, null);
  }

  /** As above, with the process's stderr in {@code log} (null: discarded). */
  static Process startAndWait(List<String> command, Map<String, String> env, String readyPrefix, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log == null ? ProcessBuilder.Redirect.DISCARD
        : ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
    for (String line = out.readLine(); ; line = out.readLine()) {
      if (line == null) {
        throw new IllegalStateException(command.get(command.size() - 1) + " exited before it was ready");
      }
      if (line.startsWith(readyPrefix)) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "drain");
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
