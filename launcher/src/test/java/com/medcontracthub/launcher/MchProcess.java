package com.medcontracthub.launcher;

import com.medcontracthub.testkit.TestInfrastructure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged {@code mch.jar} run as a separate JVM, as an operator would run it, with its output captured. */
final class MchProcess {

  private static final Pattern READY = Pattern.compile("MedContractHub (?:node )?ready(?:: http://localhost:(\\d+))?");

  private final Process process;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> ready = new CompletableFuture<>();
  private final List<Thread> readers;

  private MchProcess(Process process) {
    this.process = process;
    readers = List.of(pump(process.getInputStream(), out, true), pump(process.getErrorStream(), err, false));
    process.onExit().thenRun(() -> ready.completeExceptionally(
        new IllegalStateException("mch exited with " + process.exitValue() + " before it was ready: " + failure())));
  }

  /**
   * What a JVM that died printed about why, errors first: a report of a failure shows only the start of a long message,
   * and the warnings every start prints (Hazelcast's, Micrometer's) would fill it.
   */
  private String failure() {
    joinReaders();
    List<String> errors = err.stream().filter(line -> line.contains(" ERROR ") || line.contains("Exception")
        || line.startsWith("Caused by")).toList();
    return "errors " + errors + "; stderr " + err + "; stdout " + out.subList(Math.max(0, out.size() - 20), out.size());
  }

  static MchProcess start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
    command.addAll(coverageAgent());
    command.addAll(List.of("-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("MCH_"));
    builder.environment().putAll(env);
    return new MchProcess(builder.start());
  }

  /**
   * The JaCoCo agent this JVM runs with when the build measures coverage: the child runs with it too, so that what the
   * packaged jar executes counts (written when the child exits; one killed with SIGKILL adds nothing).
   */
  private static List<String> coverageAgent() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.startsWith("-javaagent:") && argument.contains("jacoco")).toList();
  }

  /**
   * {@code mch up --cluster} against the test infrastructure, as one member of a cluster on 127.0.0.1: its own
   * Hazelcast port and the list of every member's.
   */
  static MchProcess clusterNode(int clusterPort, String members, String... args) throws IOException {
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put("MCH_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("MCH_CLUSTER_MEMBERS", members);
    List<String> command = new ArrayList<>(List.of("up", "--cluster"));
    command.addAll(List.of(args));
    return start(env, command.toArray(String[]::new));
  }

  private static Path jar() {
    return Path.of(System.getProperty("mch.jar", "target/mch.jar")).toAbsolutePath();
  }

  private Thread pump(InputStream stream, List<String> lines, boolean watchReady) {
    Thread t = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(line);
          Matcher m = READY.matcher(line);
          if (watchReady && m.find()) {
            ready.complete(m.group(1) == null ? -1 : Integer.parseInt(m.group(1)));
          }
        }
      } catch (IOException e) {
        // the process is gone; what it printed so far is kept
      }
    }, "mch-process-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Completes with the gateway port (or -1 for a node without a gateway) once mch prints that it is ready. */
  CompletableFuture<Integer> ready() {
    return ready;
  }

  /** Waits until the process has printed {@code text} on stdout; fails naming what it printed when it exits first. */
  void awaitOutput(String text, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!stdout().contains(text)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("no '" + text + "' from mch (" + (process.isAlive() ? "still running" : "exited")
            + "); stdout: " + stdout() + "; stderr: " + stderr());
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
  }

  int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("mch still running after " + seconds + " s; stdout: " + out);
    }
    joinReaders();
    return process.exitValue();
  }

  /** Waits until all an exited process printed is read, before anyone looks at it. */
  private void joinReaders() {
    try {
      for (Thread reader : readers) {
        reader.join(TimeUnit.SECONDS.toMillis(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  /** Sends SIGHUP, as an operator does to make mch read its gateway file again. */
  void hangUp() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-HUP", String.valueOf(process.pid())).start().waitFor();
  }

  /** Sends SIGSTOP: the JVM freezes (as a member cut off or stalled would), its sockets open, until it is killed. */
  void freeze() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-STOP", String.valueOf(process.pid())).start().waitFor();
  }

  void terminate() {
    process.destroy();
  }

  void kill() {
    process.destroyForcibly();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The management port {@code mch up} printed (on loopback: /metrics, /health/*). */
  int managementPort() {
    Matcher printed = Pattern.compile("management\\s+http://127\\.0\\.0\\.1:(\\d+)").matcher(stdout());
    if (!printed.find()) {
      throw new IllegalStateException("mch printed no management port: " + stdout());
    }
    return Integer.parseInt(printed.group(1));
  }

  String stdout() {
    return String.join("\n", out);
  }

  String stderr() {
    return String.join("\n", err);
  }
}
