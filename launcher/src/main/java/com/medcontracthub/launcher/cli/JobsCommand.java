package com.medcontracthub.launcher.cli;

import com.medcontracthub.jobs.Job;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.JobState;
import com.medcontracthub.jobs.QueueCounts;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mch jobs}: operators look at the job queue in Redis and steer it (every tenant's jobs and the platform's). */
@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = {"Look at the job queue and steer it: list queues and jobs, show one, re-drive dead jobs, "
        + "pause and resume a queue."},
    subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class, JobsCommand.Redrive.class,
        JobsCommand.Pause.class, JobsCommand.Resume.class})
public final class JobsCommand {

  private static final long COMMAND_TIMEOUT_S = 30;
  private static final long POLL_MS = 1_000;

  /** Runs one operation on the configured Redis and prints what it answers. */
  static int run(ConfigOptions options, Function<JobQueue, Future<String>> operation) {
    return run(options, COMMAND_TIMEOUT_S, (vertx, queue, config) -> operation.apply(queue));
  }

  /** What a command does with the job queue, and the configuration it was given. */
  interface Operation {
    Future<String> apply(Vertx vertx, JobQueue jobs, MchConfig config);
  }

  /** Runs an operation that may take up to {@code timeoutS} seconds (and may use timers) and prints what it answers. */
  static int run(ConfigOptions options, long timeoutS, Operation operation) {
    return RedisCommands.run(options, timeoutS, "is the service that does it running?", (vertx, redis, config) ->
        operation.apply(vertx, new JobQueue(redis, config.jobs().prefix()), config));
  }

  /** Looks at the job every second, showing each look to {@code seen}, until it ends (completed, failed or dead). */
  static Future<Job> ended(Vertx vertx, JobQueue jobs, String id, Consumer<Job> seen) {
    return jobs.job(id).compose(job -> {
      if (job == null) {
        return Future.failedFuture(new IllegalStateException("job " + id + " is gone (removed after it ended)"));
      }
      seen.accept(job);
      return switch (job.state()) {
        case COMPLETED, FAILED, DEAD -> Future.succeededFuture(job);
        default -> vertx.timer(POLL_MS).compose(t -> ended(vertx, jobs, id, seen));
      };
    });
  }

  static String lastError(Job job) {
    JsonArray errors = job.errors();
    return errors.isEmpty() ? "no error recorded" : errors.getJsonObject(errors.size() - 1).getString("error");
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"Without --queue: every queue with its counts. With --queue: its jobs in one state."})
  static final class ListJobs implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "The queue whose jobs to list.")
    String queue;

    @Option(names = "--state", defaultValue = "dead", paramLabel = "STATE",
        description = "waiting, prioritized, delayed, active, completed, failed or dead (default: ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many jobs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      return run(options, jobs -> queue == null ? queues(jobs) : Future.succeededFuture(state).map(JobState::parse)
          .compose(parsed -> jobs.list(queue, parsed, limit))
          .map(list -> list.isEmpty() ? "no " + state + " jobs in " + queue : table(list)));
    }

    private static Future<String> queues(JobQueue jobs) {
      return jobs.queues().compose(names -> Future.all(names.stream().map(jobs::counts).toList()).map(all -> {
        if (names.isEmpty()) {
          return "no queue has held a job yet";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-24s %8s %8s %8s %10s %8s %8s %s%n",
            "QUEUE", "WAITING", "DELAYED", "ACTIVE", "COMPLETED", "FAILED", "DEAD", ""));
        List<QueueCounts> counts = all.list();
        for (int i = 0; i < names.size(); i++) {
          QueueCounts c = counts.get(i);
          out.append(String.format(Locale.ROOT, "%-24s %8d %8d %8d %10d %8d %8d %s%n", names.get(i), c.waiting(),
              c.delayed(), c.active(), c.completed(), c.failed(), c.dead(), c.paused() ? "paused" : ""));
        }
        return out.toString().stripTrailing();
      }));
    }

    private static String table(List<Job> list) {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-40s %-20s %-11s %8s  %s%n",
          "ID", "TYPE", "STATE", "ATTEMPTS", "LAST ERROR"));
      for (Job job : list) {
        JsonArray errors = job.errors();
        String last = errors.isEmpty() ? "" : errors.getJsonObject(errors.size() - 1).getString("error");
        out.append(String.format(Locale.ROOT, "%-40s %-20s %-11s %4d/%-3d  %s%n", job.id(), job.type(),
            job.state().wireName(), job.attempts(), job.maxAttempts(), last));
      }
      return out.toString().stripTrailing();
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One job, as JSON.")
  static final class Show implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(paramLabel = "ID", description = "The job's id.")
    String id;

    @Override
    public Integer call() {
      return run(options, jobs -> jobs.job(id).compose(job -> job == null
          ? Future.failedFuture(new IllegalArgumentException("no job " + id + " (or it ended long enough ago to be removed)"))
          : Future.succeededFuture(job.toJson().encodePrettily())));
    }
  }

  @Command(name = "redrive", mixinStandardHelpOptions = true,
      description = "Run dead or failed jobs again with fresh attempts (their errors are kept): one by id, or every "
          + "job of the queue's dead-letter queue.")
  static final class Redrive implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--queue", required = true, paramLabel = "QUEUE", description = "The job's queue.")
    String queue;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "One job (default: every dead job of the queue).")
    String id;

    @Override
    public Integer call() {
      return run(options, jobs -> jobs.redrive(queue, id).map(count -> count + " job" + (count == 1 ? "" : "s")
          + " of " + queue + " waiting to run again"));
    }
  }

  /** Pausing or resuming a queue: what to do to it, and what to say once done. */
  abstract static class QueueSwitch implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(paramLabel = "QUEUE")
    String queue;

    abstract Future<Void> apply(JobQueue jobs);

    abstract String done();

    @Override
    public Integer call() {
      return run(options, jobs -> apply(jobs).map(v -> queue + " " + done()));
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true,
      description = "Stop starting jobs of a queue in every worker (running ones finish; new ones wait).")
  static final class Pause extends QueueSwitch {
    @Override
    Future<Void> apply(JobQueue jobs) {
      return jobs.pause(queue);
    }

    @Override
    String done() {
      return "paused";
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Start a paused queue's jobs again.")
  static final class Resume extends QueueSwitch {
    @Override
    Future<Void> apply(JobQueue jobs) {
      return jobs.resume(queue);
    }

    @Override
    String done() {
      return "resumed";
    }
  }
}
