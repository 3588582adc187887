package com.medcontracthub.launcher.cli;

import com.medcontracthub.codecs.jobs.ReconcileJob;
import com.medcontracthub.jobs.JobState;
import com.medcontracthub.jobs.NewJob;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mch reconcile}: an analytics JVM compares what PostgreSQL holds with what the analytics store and the AI index
 * hold, kind by kind and day by day; the drift is printed, and past the threshold the command fails.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
    description = {"Compare what PostgreSQL holds (opportunities by posted day, pipeline moves and documents by day, "
        + "open notices) with what the analytics store and the AI index hold, and print the drift: per store and kind, "
        + "the sum over days of how far each day is off, then the days that differ.",
        "Exits 1 when a drift is above --threshold, when a running service gave no counts (one not running is named, "
            + "and what it holds is not compared), or when nothing could be compared. The analytics service must be "
            + "running (./mch up); events still on their way show as drift on the latest days. A store rebuilt from "
            + "PostgreSQL: mch backfill analytics, mch backfill vectors."})
public final class ReconcileCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions options;

  @Option(names = "--threshold", defaultValue = "0", paramLabel = "N",
      description = "The largest drift accepted for one store and kind (default: ${DEFAULT-VALUE}).")
  long threshold;

  @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
      description = "How long to wait for the reconciliation (default: ${DEFAULT-VALUE}).")
  long timeoutS;

  @Override
  public Integer call() {
    if (threshold < 0 || timeoutS < 1) {
      return ConfigOptions.failed("--threshold must be 0 or more and --timeout 1 or more");
    }
    return JobsCommand.run(options, timeoutS, (vertx, jobs, config) -> jobs.enqueue(ReconcileJob.QUEUE,
            NewJob.of(ReconcileJob.TYPE, new JsonObject()).withId("reconcile:" + System.currentTimeMillis()))
        .compose(enqueued -> JobsCommand.ended(vertx, jobs, enqueued.id(), job -> { }))
        .compose(job -> job.state() == JobState.COMPLETED ? Future.succeededFuture(job.toJson().getJsonObject("result"))
            : Future.failedFuture(new IllegalStateException("the reconciliation " + job.state().wireName() + ": "
                + JobsCommand.lastError(job))))
        .compose(this::judged));
  }

  /** Prints the result; fails when a drift is above the threshold. */
  private Future<String> judged(JsonObject result) {
    StringBuilder out = new StringBuilder();
    result.getJsonObject(ReconcileJob.SOURCES).forEach(source -> out.append(String.format(Locale.ROOT,
        "%-28s %s%n", source.getKey(), source.getValue())));
    out.append(String.format(Locale.ROOT, "%n%-10s %-17s %12s %12s %8s%n", "store", "kind", "postgresql", "found",
        "drift"));
    long worst = 0;
    for (Object row : result.getJsonArray(ReconcileJob.DRIFT)) {
      JsonObject drift = (JsonObject) row;
      worst = Math.max(worst, drift.getLong("drift"));
      out.append(String.format(Locale.ROOT, "%-10s %-17s %12d %12d %8d%n", drift.getString("store"),
          drift.getString("aggregate"), drift.getLong("postgresql"), drift.getLong("found"), drift.getLong("drift")));
    }
    if (!result.getJsonArray(ReconcileJob.DAYS).isEmpty()) {
      out.append(String.format(Locale.ROOT, "%ndays that differ (latest first, %d at most):%n", ReconcileJob.MAX_DAYS));
      for (Object row : result.getJsonArray(ReconcileJob.DAYS)) {
        JsonObject day = (JsonObject) row;
        out.append(String.format(Locale.ROOT, "%-10s %-17s %-10s %12d %12d%n", day.getString("store"),
            day.getString("aggregate"), day.getString("day"), day.getLong("postgresql"), day.getLong("found")));
      }
    }
    System.out.print(out);
    if (!result.getBoolean(ReconcileJob.COMPLETE, false)) {
      return Future.failedFuture(new IllegalStateException("a running service gave no counts (see above): what it "
          + "holds was not compared"));
    }
    if (result.getJsonArray(ReconcileJob.DRIFT).isEmpty()) {
      return Future.failedFuture(new IllegalStateException("nothing was compared: the services that keep the counts "
          + "are not running (see above)"));
    }
    return worst > threshold ? Future.failedFuture(new IllegalStateException("drift " + worst
        + " is above the threshold " + threshold)) : Future.succeededFuture("no drift above " + threshold);
  }
}
