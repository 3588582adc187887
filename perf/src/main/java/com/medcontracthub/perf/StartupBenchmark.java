package com.medcontracthub.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code mch up} as an operator runs it ({@code java -jar launcher/target/mch.jar up}): time from process start to
 * the ready line, cold (a new, empty data directory: PostgreSQL binaries unpacked, cluster initialised, Kafka
 * formatted) and warm (a restart on the same directory); resident memory after it has idled of all it runs, by part
 * ({@link Footprint}): the JVM (Kafka's broker inside), Redis, and PostgreSQL's postmaster with its processes.
 *
 * <p>Usage: {@code StartupBenchmark [runs] [idleSeconds]}; expects the jar to be built.
 */
public final class StartupBenchmark {

  private static final String[] FREE_PORTS = {"--set", "gateway.port=0", "--set", "management.port=0",
      "--set", "embedded.pick-free-ports=true"};

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path jar = Path.of(System.getProperty("mch.jar", "launcher/target/mch.jar")).toAbsolutePath();
    for (int run = 1; run <= runs; run++) {
      Path dataDir = Files.createTempDirectory("mch-startup");
      try {
        measure(jar, dataDir, "cold #" + run, 0);
        measure(jar, dataDir, "warm #" + run, run == runs ? idleSeconds : 0);
      } finally {
        deleteRecursively(dataDir);
      }
    }
  }

  private static void measure(Path jar, Path dataDir, String label, int idleSeconds) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "up", "--data-dir", dataDir.toString()));
    command.addAll(List.of(FREE_PORTS));
    long t0 = System.nanoTime();
    Process mch = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(mch.getInputStream()));
      String line = out.readLine();
      while (line != null && !line.startsWith("MedContractHub ready")) {
        line = out.readLine();
      }
      if (line == null) {
        throw new IllegalStateException("mch exited before it was ready");
      }
      double ready = (System.nanoTime() - t0) / 1e9;
      String memory = "";
      if (idleSeconds > 0) {
        Thread.sleep(idleSeconds * 1000L);
        Footprint all = Footprint.process("JVM (Kafka inside)", mch.pid())
            .plus(Footprint.embeddedInfrastructure(dataDir));
        memory = String.format(Locale.ROOT, "   PSS MiB after %d s idle: %s", idleSeconds,
            Footprint.breakdown(all.read().rss(), 1, "%.0f"));
      }
      System.out.printf(Locale.ROOT, "mch up %-8s ready in %5.2f s%s%n", label, ready, memory);
    } finally {
      long t1 = System.nanoTime();
      mch.destroy();
      mch.waitFor(30, TimeUnit.SECONDS);
      System.out.printf(Locale.ROOT, "mch up %-8s stopped in %5.2f s after SIGTERM%n", label, (System.nanoTime() - t1) / 1e9);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
