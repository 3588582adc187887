package com.medcontracthub.perf;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.testkit.TestInfrastructure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The CPU time and resident memory of everything one side of a benchmark runs or causes, by named part, so that the
 * product and its peers are counted alike: a part is a process with its descendants (the JVM under test, PostgreSQL's
 * postmaster and backends, Redis, nginx's master and workers, a Node server), or the Kafka broker that the test
 * infrastructure runs as threads of this harness JVM.
 *
 * <p>Memory is the sum of the processes' proportional set size (Pss, /proc/&lt;pid&gt;/smaps_rollup): a page shared by
 * several processes (PostgreSQL's shared buffers, which every backend maps, or nginx's workers) is divided among
 * them, so summing over a part counts it once; summed resident sizes counted PostgreSQL's buffers once per backend.
 */
final class Footprint {

  /** USER_HZ, the unit of the CPU times in /proc: 100 on the Linux machines the benchmarks run on. */
  private static final double CLOCK_TICKS_PER_SECOND = 100;
  private static final String KAFKA_IN_HARNESS = "kafka (threads in the harness JVM)";
  private static Footprint testInfrastructureFootprint;

  private interface Part {
    String name();

    /** CPU seconds (user + system) used so far; the processes in {@code roots} are counted in their own part. */
    double cpuSeconds(Set<Long> roots);

    /** Resident MiB now (proportional set size), or NaN when the part's memory cannot be told apart from the harness's. */
    double rssMiB(Set<Long> roots);
  }

  private final List<Part> parts;

  private Footprint(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  /** One process and its descendants. */
  static Footprint process(String name, long pid) {
    return new Footprint(List.of(new Tree(name, pid)));
  }

  /** This footprint's parts, then the other's. */
  Footprint plus(Footprint other) {
    List<Part> all = new ArrayList<>(parts);
    all.addAll(other.parts);
    return new Footprint(all);
  }

  /** The Redis and PostgreSQL of the embedded infrastructure whose data is in {@code dataDir}. */
  static Footprint embeddedInfrastructure(Path dataDir) {
    // found by the pid files the embedded module's servers write there: PostgreSQL's postmaster is started by pg_ctl,
    // which exits, so it is no descendant of the JVM that started it
    return process("redis", pidIn(dataDir.resolve("redis").resolve("redis.pid")))
        .plus(process("postgres", pidIn(dataDir.resolve("postgres").resolve("postmaster.pid"))));
  }

  /**
   * The test infrastructure, started here: its Redis and PostgreSQL, and its Kafka broker, which runs in this JVM as
   * the threads the start left running. Call it before anything else starts the test infrastructure, or those threads
   * are not known.
   */
  static synchronized Footprint testInfrastructure() {
    if (testInfrastructureFootprint == null) {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Set<Long> before = Arrays.stream(threads.getAllThreadIds()).boxed().collect(Collectors.toSet());
      Path dataDir = Path.of(TestInfrastructure.environment().get(ConfigKeys.envName(ConfigKeys.DATA_DIR)));
      // the JDK's process reapers serve every child process the benchmark starts later: not Kafka's
      long[] started = Arrays.stream(threads.getThreadInfo(Arrays.stream(threads.getAllThreadIds())
              .filter(id -> !before.contains(id)).toArray()))
          .filter(Objects::nonNull).filter(info -> !info.getThreadName().startsWith("process reaper"))
          .mapToLong(ThreadInfo::getThreadId).toArray();
      if (Arrays.stream(threads.getThreadInfo(started)).filter(Objects::nonNull).map(ThreadInfo::getThreadName)
          .noneMatch(name -> name.contains("kafka"))) {
        throw new IllegalStateException("the test infrastructure had started before Footprint.testInfrastructure(): "
            + "its Kafka threads are not known");
      }
      testInfrastructureFootprint = embeddedInfrastructure(dataDir)
          .plus(new Footprint(List.of(new Threads(KAFKA_IN_HARNESS, started))));
    }
    return testInfrastructureFootprint;
  }

  /** What each part has used so far and holds now. */
  Reading read() {
    Set<Long> roots = parts.stream().filter(Tree.class::isInstance).map(p -> ((Tree) p).pid())
        .collect(Collectors.toSet());
    Map<String, Double> cpu = new LinkedHashMap<>();
    Map<String, Double> rss = new LinkedHashMap<>();
    for (Part part : parts) {
      cpu.put(part.name(), part.cpuSeconds(roots));
      rss.put(part.name(), part.rssMiB(roots));
    }
    return new Reading(cpu, rss);
  }

  /** CPU seconds used so far and resident MiB now, by part in the footprint's order. */
  record Reading(Map<String, Double> cpu, Map<String, Double> rss) {

    /** The CPU seconds each part used since {@code earlier}; a part it did not read counts from its start. */
    Map<String, Double> cpuSince(Reading earlier) {
      Map<String, Double> used = new LinkedHashMap<>();
      cpu.forEach((part, seconds) -> used.put(part, seconds - earlier.cpu().getOrDefault(part, 0.0)));
      return used;
    }
  }

  /** The ClickHouse server this JVM's tests run ({@code ClickHouseTestServer}), found by its command line. */
  static Footprint clickHouseServer() {
    long pid = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("clickhouse-server"))
        .filter(p -> p.info().commandLine().orElse("").contains("mch-clickhouse-" + ProcessHandle.current().pid()))
        .findFirst().orElseThrow(() -> new IllegalStateException("no ClickHouse server of this JVM")).pid();
    return process("clickhouse-server", pid);
  }

  /** The sum over the parts, without those that cannot be told apart (NaN). */
  static double total(Map<String, Double> byPart) {
    return byPart.values().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).sum();
  }

  /** {@code "part a + part b = total"}, each figure times {@code scale} in {@code format}. */
  static String breakdown(Map<String, Double> byPart, double scale, String format) {
    StringJoiner parts = new StringJoiner(" + ");
    byPart.forEach((part, value) -> parts.add(part + " " + (value.isNaN() ? "(not separable, not counted)"
        : String.format(Locale.ROOT, format, value * scale))));
    return parts + " = " + String.format(Locale.ROOT, format, total(byPart) * scale);
  }

  /** The pid on the first line of a pid file. */
  static long pidIn(Path pidFile) {
    try {
      return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    } catch (IOException e) {
      throw new IllegalStateException("no pid file " + pidFile, e);
    }
  }

  /** A process and its descendants, but for those that are the root of a part of their own (Redis under mch up). */
  private record Tree(String name, long pid) implements Part {

    @Override
    public double cpuSeconds(Set<Long> roots) {
      return pids(roots).stream().mapToLong(Tree::ticks).sum() / CLOCK_TICKS_PER_SECOND;
    }

    @Override
    public double rssMiB(Set<Long> roots) {
      return pids(roots).stream().mapToLong(Tree::rssKiB).sum() / 1024.0;
    }

    private List<Long> pids(Set<Long> roots) {
      ProcessHandle root = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .orElseThrow(() -> new IllegalStateException(name + " (process " + pid + ") is gone"));
      List<Long> pids = new ArrayList<>();
      collect(root, roots, pids);
      return pids;
    }

    private static void collect(ProcessHandle process, Set<Long> roots, List<Long> pids) {
      pids.add(process.pid());
      process.children().filter(child -> !roots.contains(child.pid())).forEach(child -> collect(child, roots, pids));
    }

    /**
     * User and system time, the process's own (utime, stime) and its waited-for children's (cutime, cstime): a child
     * that ended during the run (a PostgreSQL backend whose connection closed, a command a server ran) is no longer a
     * descendant, but once its parent reaped it its time is in the parent's. So the tree's sum also covers the
     * processes that ended, and between two readings a child's time moves to its parent without changing the sum.
     * 0 for a process that ended since the tree was listed.
     */
    private static long ticks(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 to 17 of proc(5), counted from the state, field 3
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
            + Long.parseLong(fields[14]);
      } catch (IOException e) {
        return 0;
      }
    }

    /** Its proportional set size; 0 for a process that ended since the tree was listed, or ended unreaped. */
    private static long rssKiB(long pid) {
      try {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup")).stream()
            .filter(line -> line.startsWith("Pss:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
            .findFirst().orElse(0);
      } catch (IOException e) {
        return 0;
      }
    }
  }

  /** Threads of this JVM: their CPU is theirs alone, their memory is in the JVM's heap with the harness's own. */
  private record Threads(String name, long[] ids) implements Part {

    @Override
    public double cpuSeconds(Set<Long> roots) {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      // a thread that ended reads -1 and its time is lost; the broker's threads live as long as the broker (the
      // start's own pool threads ended long before any benchmark reads)
      return Arrays.stream(ids).map(threads::getThreadCpuTime).filter(nanos -> nanos > 0).sum() / 1e9;
    }

    @Override
    public double rssMiB(Set<Long> roots) {
      return Double.NaN;
    }
  }
}
