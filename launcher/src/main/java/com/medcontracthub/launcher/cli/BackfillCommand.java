package com.medcontracthub.launcher.cli;

import com.medcontracthub.codecs.jobs.BackfillJob;
import com.medcontracthub.jobs.Job;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.JobState;
import com.medcontracthub.jobs.NewJob;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mch backfill}: enqueue a backfill for the service that owns it (its workers run it, batch by batch, resumed
 * from where a worker that died left it), and optionally follow it to its end.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = {"Run a backfill: the service that owns the data walks all of it in batches and does the backfill's "
        + "work on each (for example, publish every opportunity again so a new consumer builds its view of them).",
        "Without NAME: the backfills there are. The service must be running (./mch up) to run it."})
public final class BackfillCommand implements Callable<Integer> {

  static final long FOLLOW_TIMEOUT_S = 24 * 3600;

  @Mixin
  ConfigOptions options;

  @Parameters(paramLabel = "NAME", arity = "0..1", description = "The backfill, e.g. "
      + BackfillJob.OPPORTUNITIES_REPUBLISH + ", " + BackfillJob.KAFKA + " (every domain event published to Kafka "
      + "again: opportunities, then pipeline moves), " + BackfillJob.VECTORS + " (every opportunity published again, "
      + "so the AI service indexes each anew) or " + BackfillJob.ANALYTICS + " (opportunities and pipeline moves "
      + "published again, so the analytics service stores what it lacks).")
  String name;

  @Option(names = "--param", paramLabel = "KEY=VALUE", description = "What the backfill takes (see the list), "
      + "e.g. --param since=2026-01-01.")
  Map<String, String> params = new TreeMap<>();

  @Option(names = "--batch-size", defaultValue = "" + BackfillJob.DEFAULT_BATCH_SIZE,
      description = "Items per batch, 1 to " + BackfillJob.MAX_BATCH_SIZE + " (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--follow", description = "Print its progress until it ends (and, for vectors and analytics, until "
      + "their service has taken in what it published); exit 1 unless it completed.")
  boolean follow;

  /** The items the backfills followed to their end published. */
  private long published;

  @Override
  public Integer call() {
    if (name == null) {
      new TreeMap<>(BackfillJob.ALL).forEach((backfill, known) -> System.out.println(backfill + "\n  "
          + known.description()));
      new TreeMap<>(BackfillJob.GROUPS).forEach((name, group) -> System.out.println(name + "\n  "
          + group.description() + ": " + String.join(", then ", group.backfills())
          + (group.backfills().size() > 1 ? " (with --follow, one after the other)" : "")));
      return ExitCode.OK;
    }
    BackfillJob.Group group = BackfillJob.GROUPS.get(name);
    List<String> backfills = group != null ? group.backfills() : List.of(name);
    if (!BackfillJob.ALL.containsKey(backfills.get(0))) {
      return ConfigOptions.failed("no backfill '" + name + "'; there are: " + String.join(", ",
          new TreeSet<>(BackfillJob.ALL.keySet())) + ", and " + String.join(", ", new TreeSet<>(BackfillJob.GROUPS.keySet())));
    }
    for (String backfill : backfills) {
      if (!BackfillJob.ALL.get(backfill).params().containsAll(params.keySet())) {
        return ConfigOptions.failed("--param: " + backfill + " takes "
            + new TreeSet<>(BackfillJob.ALL.get(backfill).params()) + ", not " + params.keySet());
      }
    }
    if (batchSize < 1 || batchSize > BackfillJob.MAX_BATCH_SIZE) {
      return ConfigOptions.failed("--batch-size: 1 to " + BackfillJob.MAX_BATCH_SIZE + ", not " + batchSize);
    }
    boolean catchUp = follow && group != null && group.catchUp() != null;
    return JobsCommand.run(options, follow ? FOLLOW_TIMEOUT_S : 30, (vertx, jobs, config) -> {
      Future<CatchUp> before = catchUp ? CatchUp.before(vertx, config, group.catchUp()) : Future.succeededFuture();
      // each backfill's outcome as it ends; the last one's is the command's
      Future<String> done = before.map((String) null);
      for (String backfill : backfills) {
        done = done.compose(last -> {
          if (last != null) {
            System.out.println(last);
          }
          return start(vertx, jobs, backfill);
        });
      }
      return catchUp ? done.compose(last -> {
        System.out.println(last);
        return before.result().follow(published);
      }) : done;
    });
  }

  /** Enqueues one backfill; with {@code --follow}, prints its progress until it ends. */
  private Future<String> start(Vertx vertx, JobQueue jobs, String backfill) {
    String queue = BackfillJob.queue(backfill);
    NewJob job = NewJob.of(backfill, new JsonObject().put(BackfillJob.PARAMS, new JsonObject(Map.copyOf(params)))
        .put(BackfillJob.BATCH_SIZE, batchSize)).withId("backfill:" + backfill + ":" + System.currentTimeMillis());
    return jobs.enqueue(queue, job).compose(enqueued -> {
      if (!follow) {
        return Future.succeededFuture(backfill + " enqueued as job " + enqueued.id() + " on " + queue
            + "; follow it with: mch jobs show " + enqueued.id());
      }
      System.out.println(backfill + ":");
      return followed(vertx, jobs, enqueued.id());
    });
  }

  /** Prints the job's progress whenever it moves, until it ends: its result, or a failure with its last error. */
  private Future<String> followed(Vertx vertx, JobQueue jobs, String id) {
    int[] shown = {-1};
    return JobsCommand.ended(vertx, jobs, id, job -> {
      int progress = job.progress();
      if (progress != shown[0]) {
        shown[0] = progress;
        System.out.println(String.format(Locale.ROOT, "%3d%% [%-20s] %s", progress, "#".repeat(progress / 5),
            job.toJson().getValue("checkpoint") == null ? job.state().wireName() : job.toJson().getValue("checkpoint")));
      }
    }).compose(job -> {
      if (job.state() != JobState.COMPLETED) {
        return Future.failedFuture(new IllegalStateException("backfill " + job.state().wireName() + ": "
            + JobsCommand.lastError(job)));
      }
      Object result = job.toJson().getValue("result");
      if (result instanceof JsonObject counts) {
        published += counts.getLong("items", 0L);
      }
      return Future.succeededFuture("done: " + result);
    });
  }
}
