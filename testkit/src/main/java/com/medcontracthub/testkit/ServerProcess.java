package com.medcontracthub.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real server a test talks to (Zipkin, SkyWalking's OAP, Keycloak) run as its own process, ready once it says so.
 */
public final class ServerProcess {

  private static final long READY_WITHIN_SECONDS = 180;

  private final Process process;

  private ServerProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code java args…} with the JVM the tests run on: see {@link #start(String, String, List, Path, Map)}. */
  public static ServerProcess start(String name, String ready, List<String> args, Path dir) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(args);
    return start(name, ready, command, dir, Map.of());
  }

  /**
   * Starts {@code command} in {@code dir} with {@code environment} added and waits for a line of its output containing
   * {@code ready}; a server that exits first fails the start with its last lines.
   */
  public static ServerProcess start(String name, String ready, List<String> command, Path dir,
      Map<String, String> environment) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    ServerProcess server = new ServerProcess(process);
    // a server that never says it is ready is ended, which ends the reading below
    CompletableFuture<Void> readyInTime = new CompletableFuture<>();
    readyInTime.completeOnTimeout(null, READY_WITHIN_SECONDS, TimeUnit.SECONDS).thenRun(server::destroyAll);
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
    readyInTime.cancel(false);
    if (line == null) {
      throw new IllegalStateException(name + " ended before it was ready (at most " + READY_WITHIN_SECONDS + " s):\n"
          + String.join("\n", last));
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
    return server;
  }

  /** Ends the server and whatever it started (a launch script's JVM), forcibly when they take over 20 s. */
  public void stop() {
    destroyAll();
  }

  private void destroyAll() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle one : all) {
      try {
        one.onExit().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        one.destroyForcibly();
      }
    }
  }
}
