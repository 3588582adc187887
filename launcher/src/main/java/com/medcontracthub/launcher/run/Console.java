package com.medcontracthub.launcher.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** What {@code mch} tells its operator on standard output: one line per component, then the outcome. */
public final class Console {

  private final PrintStream out;

  public Console(PrintStream out) {
    this.out = out;
  }

  public synchronized void started(String component, String detail, Duration took) {
    out.printf(Locale.ROOT, "  %-14s %-40s %6.2f s%n", component, detail, took.toNanos() / 1e9);
    out.flush();
  }

  public synchronized void line(String text) {
    out.println(text);
    out.flush();
  }
}
