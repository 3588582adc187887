package com.medcontracthub.gateway.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real trace collector (Zipkin, SkyWalking's OAP) run as its own JVM for a test, ready once it says so. */
final class CollectorProcess {

  private final Process process;

  private CollectorProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code java args…} and waits for a line of its output containing {@code ready}; a collector that exits first
   * fails the start with its last lines.
   */
  static CollectorProcess start(String name, String ready, List<String> args, Path dir) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> last = new ArrayList<>();
    String line = out.readLine();
    while (line != null && !line.contains(ready)) {
      last.add(line);
      if (last.size() > 20) {
        last.remove(0);
      }
      line = out.readLine();
    }
    if (line == null) {
      throw new IllegalStateException(name + " exited before it was ready:\n" + String.join("\n", last));
    }
    Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), name + "-output");
    drain.setDaemon(true);
    drain.start();
    return new CollectorProcess(process);
  }

  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
