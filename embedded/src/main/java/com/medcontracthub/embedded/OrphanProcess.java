package com.medcontracthub.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server process left running by an {@code mch} that was killed (SIGKILL, OOM): PostgreSQL daemonises and Redis
 * outlives its parent, each still holding its port and data. The data-directory lock proves no live {@code mch}
 * owns it, so it is stopped before the new start.
 */
final class OrphanProcess {

  private static final long STOP_SECONDS = 10;

  private OrphanProcess() {
  }

  /**
   * Stops the process whose pid is on the first line of {@code pidFile} if it is alive and its command contains
   * {@code commandFragment} (so a recycled pid is left alone).
   */
  static void stop(Path pidFile, String commandFragment) {
    findAlive(pidFile, commandFragment).ifPresent(process -> {
      System.err.println("mch: stopping " + commandFragment + " (pid " + process.pid()
          + ") left running by an earlier mch that did not shut down");
      process.destroy();
      try {
        process.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
      }
    });
  }

  private static Optional<ProcessHandle> findAlive(Path pidFile, String commandFragment) {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.isEmpty()) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().orElse("").contains(commandFragment));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
