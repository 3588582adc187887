package com.medcontracthub.jobs;

import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The jobs of every queue under one key prefix in one Redis: what a service uses to enqueue, and what the API and the
 * CLI use to look at jobs and steer queues. Workers ({@link Worker}) run them.
 */
public final class JobQueue {

  public static final int MAX_DATA_BYTES = 512 * 1024;
  public static final int MAX_LIST = 500;
  private static final Pattern QUEUE_NAME = Pattern.compile("[a-z0-9._-]{1,64}");

  private final RedisLine line;
  private final String prefix;

  public JobQueue(RedisLine line, String prefix) {
    this.line = line;
    this.prefix = prefix;
  }

  /** What enqueueing did: the job's id, and whether it was added (false: a job of that id was there already). */
  public record Enqueued(String id, boolean added) {
  }

  public Future<Enqueued> enqueue(String queue, NewJob job) {
    return enqueue(queue, job, "", 0, false);
  }

  /** Adds the job for a repeat's slot unless that slot, or a later one, was taken: once per slot in the cluster. */
  Future<Enqueued> enqueueForSlot(String queue, NewJob job, String repeat, long slot, boolean catchUp) {
    return enqueue(queue, job, prefix + ":repeat:" + repeat, slot, catchUp);
  }

  private Future<Enqueued> enqueue(String queue, NewJob job, String repeatKey, long slot, boolean catchUp) {
    String data = job.data().encode();
    if (data.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
      return Future.failedFuture(new IllegalArgumentException(
          "a job's data is at most " + MAX_DATA_BYTES + " bytes of JSON"));
    }
    return checked(queue).compose(q -> QueueScripts.ENQUEUE.run(line, prefix, q, List.of(orEmpty(job.id()), job.type(),
            data, job.priority(), job.delayMs(), job.maxAttempts(), job.backoffMs(), orEmpty(job.group()),
            orEmpty(job.tenant()), orEmpty(job.user()), repeatKey, slot, catchUp ? "1" : "0")))
        .map(r -> new Enqueued(r.get(0).toString(), r.get(1).toInteger() == 1));
  }

  /** The job of that id, or null when there is none (or it ended long enough ago to be removed). */
  public Future<Job> job(String id) {
    return line.send(Request.cmd(Command.HGETALL).arg(jobKey(id)))
        .map(r -> r.size() == 0 ? null : Job.fromHash(toMap(r)));
  }

  /** Up to {@code limit} jobs of a queue in a state: the waiting ones in the order they will run, the ended ones newest first. */
  public Future<List<Job>> list(String queue, JobState state, int limit) {
    int count = Math.max(1, Math.min(limit, MAX_LIST));
    String key = prefix + ":q:" + queue + ":" + state.setName();
    Request range = state.ended()
        ? Request.cmd(Command.ZREVRANGE).arg(key).arg(0).arg(count - 1)
        : Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(count - 1);
    return checked(queue).compose(q -> line.send(range)).compose(this::jobs)
        .map(jobs -> jobs.stream().filter(j -> state != JobState.PRIORITIZED || j.state() == state).toList());
  }

  /** The newest jobs a tenant's users started, up to {@code limit}. */
  public Future<List<Job>> listOwned(String tenant, int limit) {
    int count = Math.max(1, Math.min(limit, MAX_LIST));
    return line.send(Request.cmd(Command.ZREVRANGE).arg(prefix + ":tenant:" + tenant).arg(0).arg(count - 1))
        .compose(this::jobs);
  }

  public Future<QueueCounts> counts(String queue) {
    return checked(queue).compose(q -> QueueScripts.COUNTS.run(line, prefix, q, List.of())).map(r -> new QueueCounts(
        r.get(0).toLong(), r.get(1).toLong(), r.get(2).toLong(), r.get(3).toLong(), r.get(4).toLong(),
        r.get(5).toLong(), r.get(6).toInteger() == 1, r.get(7).toLong(), r.get(8).toLong(), r.get(9).toLong()));
  }

  /** The queues that have ever held a job. */
  public Future<List<String>> queues() {
    return line.send(Request.cmd(Command.SMEMBERS).arg(prefix + ":queues"))
        .map(r -> r.stream().map(Response::toString).sorted().toList());
  }

  public Future<Void> pause(String queue) {
    return checked(queue).compose(q -> line.send(Request.cmd(Command.HSET).arg(metaKey(q)).arg("paused").arg("1")))
        .mapEmpty();
  }

  public Future<Void> resume(String queue) {
    return checked(queue).compose(q -> line.send(Request.cmd(Command.HDEL).arg(metaKey(q)).arg("paused")))
        .compose(r -> line.send(Request.cmd(Command.PUBLISH).arg(wakeChannel(prefix, queue)).arg("1"))).mapEmpty();
  }

  /** Runs a dead or failed job again (or, with a null id, every job of the dead-letter queue); answers how many. */
  public Future<Integer> redrive(String queue, String id) {
    return checked(queue).compose(q -> QueueScripts.REDRIVE.run(line, prefix, q, List.of(orEmpty(id))))
        .map(Response::toInteger);
  }

  /** Writes a queue's limits and retention where its scripts read them; each worker does as it starts. */
  public Future<Void> configure(String queue, QueueOptions options) {
    Request meta = Request.cmd(Command.HSET).arg(metaKey(queue))
        .arg("concurrency").arg(options.concurrency()).arg("groupConcurrency").arg(options.groupConcurrency())
        .arg("rateMax").arg(options.rateMax()).arg("rateMs").arg(options.rateWindow().toMillis())
        .arg("groupRateMax").arg(options.groupRateMax()).arg("groupRateMs").arg(options.groupRateWindow().toMillis())
        .arg("maxStalls").arg(options.maxStalls())
        .arg("keepCompleted").arg(options.keepCompleted()).arg("keepCompletedMs").arg(options.keepCompletedFor().toMillis())
        .arg("keepFailed").arg(options.keepFailed()).arg("keepFailedMs").arg(options.keepFailedFor().toMillis());
    Request limiter = options.sharedLimit() == null
        ? Request.cmd(Command.HDEL).arg(metaKey(queue)).arg("limiter")
        : Request.cmd(Command.HSET).arg(metaKey(queue)).arg("limiter").arg(options.sharedLimit());
    return checked(queue).compose(q -> line.send(meta)).compose(r -> line.send(limiter)).mapEmpty();
  }

  /** Sets a rate limit that every queue naming it counts against together: at most {@code max} starts per window. */
  public Future<Void> defineSharedLimit(String name, int max, long windowMs) {
    if (max < 1 || windowMs < 1) {
      return Future.failedFuture(new IllegalArgumentException("a shared limit lets at least one job start per window "
          + "of at least 1 ms"));
    }
    return line.send(Request.cmd(Command.HSET).arg(prefix + ":limit:" + name + ":conf")
        .arg("max").arg(max).arg("ms").arg(windowMs)).mapEmpty();
  }

  /** Where a queue publishes that it has a job to take (the scripts' {@code wake()}). */
  static String wakeChannel(String prefix, String queue) {
    return prefix + ":q:" + queue + ":wake";
  }

  private Future<List<Job>> jobs(Response ids) {
    if (ids.size() == 0) {
      return Future.succeededFuture(List.of());
    }
    List<Future<Job>> jobs = new ArrayList<>();
    ids.forEach(id -> jobs.add(job(id.toString())));
    return Future.all(jobs).map(all -> all.<Job>list().stream().filter(j -> j != null).toList());
  }

  private String jobKey(String id) {
    return prefix + ":job:" + id;
  }

  private String metaKey(String queue) {
    return prefix + ":q:" + queue + ":meta";
  }

  static Future<String> checked(String queue) {
    return queue != null && QUEUE_NAME.matcher(queue).matches() ? Future.succeededFuture(queue)
        : Future.failedFuture(new IllegalArgumentException(
            "a queue's name is 1 to 64 lower-case letters, digits and ._- , not '" + queue + "'"));
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  private static Map<String, String> toMap(Response hash) {
    Map<String, String> map = new HashMap<>();
    for (String key : hash.getKeys()) {
      map.put(key, hash.get(key).toString());
    }
    return map;
  }
}
