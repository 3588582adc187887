package com.medcontracthub.perf;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * What {@code perf/run} starts: the benchmark named by the first argument, with the rest. A benchmark that fails ends
 * the JVM with status 1 and its stack trace; otherwise the threads its clients leave (Vert.x, Kafka) would keep a
 * failed run alive, holding the build lock, until someone kills it.
 */
public final class Harness {

  private Harness() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: perf/run BenchmarkName [args...]");
      System.exit(2);
    }
    try {
      Class.forName(Harness.class.getPackageName() + "." + args[0]).getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      e.getCause().printStackTrace();
      System.exit(1);
    } catch (ClassNotFoundException e) {
      System.err.println("no benchmark " + args[0] + " in perf/ (perf/run's header lists them)");
      System.exit(2);
    }
    System.exit(0);
  }
}
