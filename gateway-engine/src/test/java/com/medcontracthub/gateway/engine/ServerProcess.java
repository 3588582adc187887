package com.medcontracthub.gateway.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real server a test talks to (Zipkin, SkyWalking's OAP, Keycloak) run as its own process, ready once it says so.
 */
final class ServerProcess {

  private final Process process;

  private ServerProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code java args…} with the JVM the tests run on: see {@link #start(String, String, List, Path, Map)}. */
  static ServerProcess start(String name, String ready, List<String> args, Path dir) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(args);
    return start(name, ready, command, dir, Map.of());
  }

  /**
   * Starts {@code command} in {@code dir} with {@code environment} added and waits for a line of its output containing
   * {@code ready}; a server that exits first fails the start with its last lines.
   */
  static ServerProcess start(String name, String ready, List<String> command, Path dir, Map<String, String> environment)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
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
    Thread drain = new Thread(() -> {
      try {
        out.lines().forEach(ignored -> { });
      } catch (UncheckedIOException e) {
        // stop() ended the server and closed its output
      }
    }, name + "-output");
    drain.setDaemon(true);
    drain.start();
    return new ServerProcess(process);
  }

  /** Ends the server and whatever it started (a launch script's JVM). */
  void stop() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
