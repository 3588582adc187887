package com.medcontracthub.jobs;

import com.medcontracthub.redis.RedisLine;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one queue's jobs in this JVM, up to its concurrency, on the context that started it. Each round trip to Redis
 * ({@code advance.lua}) reports every attempt that ended since the last one and takes as many jobs as there is room
 * for, so a busy worker makes one call for a batch of jobs. It looks for jobs when the queue publishes that one was
 * added, when a delayed job falls due, and every poll interval in case a wake-up was missed; it renews the leases of
 * the jobs it runs and takes back, like every worker, the jobs of workers that stopped renewing theirs.
 */
public final class Worker {

  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private static final String RETURNED = "returned";
  private static final String CONTINUED = "continued";
  private static final String POSTPONED = "postponed";
  private static final long STOPPING_RETRY_MS = 100;
  /** How much the last job's run time moves the mean: about the last 20 jobs count. */
  private static final double RUN_TIME_WEIGHT = 0.05;

  private final Vertx vertx;
  private final Context context;
  private final Redis redis;
  private final RedisLine line;
  private final String prefix;
  private final String queue;
  private final String channel;
  private final Map<String, JobHandler> handlers;
  private final WorkerOptions options;
  private final JobListener listener;
  /** Which worker took a job, as operators see it: host, process and a worker of that process. */
  private final String workerId = ProcessHandle.current().pid() + "@" + hostName() + "/"
      + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, Attempt> running = new LinkedHashMap<>();
  private final Deque<TakenJob> prefetched = new ArrayDeque<>();
  private List<Ended> outcomes = new ArrayList<>();
  private boolean advancing;
  private boolean again;
  private boolean flushScheduled;
  /** Set on the worker's context; read from others by {@link #stopping}. */
  private volatile boolean stopped;
  private boolean subscribing;
  /** The mean run time of this worker's recent jobs (a moving average), starting as if they were long. */
  private double meanRunMs = WorkerOptions.SHORT_JOB_MS;
  private long pollTimer;
  private long leaseTimer;
  private long recoverTimer;
  private long dueTimer = -1;
  private RedisConnection subscription;
  private Promise<Void> drained;

  private Worker(Vertx vertx, RedisOptions redisOptions, String prefix, String queue, Map<String, JobHandler> handlers,
      WorkerOptions options, JobListener listener) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.redis = Redis.createClient(vertx, redisOptions);
    this.line = new RedisLine(redis, options.redisTimeout().toMillis());
    this.prefix = prefix;
    this.queue = queue;
    this.channel = JobQueue.wakeChannel(prefix, queue);
    this.handlers = Map.copyOf(handlers);
    this.options = options;
    this.listener = listener;
  }

  /**
   * Starts a worker of the queue on the caller's context (a verticle's, or a new one), writing the queue's options for
   * every worker of it; ready once it listens for new jobs.
   */
  public static Future<Worker> start(Vertx vertx, RedisOptions redisOptions, String prefix, String queue,
      QueueOptions queueOptions, WorkerOptions options, Map<String, JobHandler> handlers, JobListener listener) {
    return JobQueue.checked(queue).compose(q -> {
      Worker worker = new Worker(vertx, redisOptions, prefix, q, handlers, options, listener);
      Promise<Worker> started = Promise.promise();
      worker.context.runOnContext(v -> new JobQueue(worker.line, prefix).configure(q, queueOptions)
          .compose(configured -> worker.subscribe()).map(subscribed -> worker.begin()).onComplete(started));
      return started.future();
    });
  }

  private Worker begin() {
    long lease = options.lease().toMillis();
    pollTimer = vertx.setPeriodic(options.poll().toMillis(), id -> poll());
    leaseTimer = vertx.setPeriodic(lease / 3, id -> renewLeases());
    recoverTimer = vertx.setPeriodic(lease / 2, id -> recoverStalled());
    advance();
    return this;
  }

  public String queue() {
    return queue;
  }

  /** Whether {@link #stop} has begun: it takes no more jobs and starts none of those it took ahead. */
  public boolean stopping() {
    return stopped;
  }

  /** How many of its jobs run now in this worker. */
  public int running() {
    return running.size();
  }

  /**
   * Takes no more jobs, waits up to the stop grace for the running ones and reports them, then closes its connections.
   * A job still running then is left to its lease: another worker takes it back.
   */
  public Future<Void> stop() {
    Promise<Void> stoppedPromise = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      prefetched.forEach(this::handBack);
      prefetched.clear();
      vertx.cancelTimer(pollTimer);
      vertx.cancelTimer(recoverTimer);
      vertx.cancelTimer(dueTimer);
      drained = Promise.promise();
      advance();
      drained.future().timeout(options.stopGrace().toMillis(), TimeUnit.MILLISECONDS)
          .onComplete(done -> {
            vertx.cancelTimer(leaseTimer);
            redis.close();
            stoppedPromise.complete();
          });
    });
    return stoppedPromise.future();
  }

  private Future<Void> subscribe() {
    return redis.connect().compose(connection -> {
      connection.handler(message -> advanceSoon());
      connection.exceptionHandler(e -> subscription = null).endHandler(v -> subscription = null);
      return connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel))
          .timeout(options.redisTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .onSuccess(r -> subscription = connection)
          .onFailure(e -> connection.close())
          .<Void>mapEmpty();
    });
  }

  private void poll() {
    if (subscription == null && !subscribing && !stopped) {
      subscribing = true;
      subscribe().onComplete(done -> subscribing = false)
          .onFailure(e -> LOG.debug("queue {}: cannot listen for new jobs yet: {}", queue, e.getMessage()));
    }
    advance();
  }

  /** A job taken ahead and never started goes back to the queue with the next report, as if never taken. */
  private void handBack(TakenJob job) {
    outcomes.add(new Ended(job, RETURNED, "", 0, 0));
  }

  private void advanceSoon() {
    if (!flushScheduled) {
      flushScheduled = true;
      context.runOnContext(v -> {
        flushScheduled = false;
        advance();
      });
    }
  }

  private void advance() {
    if (advancing) {
      again = true;
      return;
    }
    int free = stopped ? 0 : Math.max(0, options.concurrency() + prefetch() - running.size() - prefetched.size());
    if (outcomes.isEmpty() && free <= 0) {
      checkDrained();
      return;
    }
    advancing = true;
    again = false;
    List<Ended> sent = outcomes;
    outcomes = new ArrayList<>();
    List<Object> args = new ArrayList<>(sent.size() * 5 + 4);
    args.add(workerId);
    args.add(free);
    args.add(options.lease().toMillis());
    args.add(sent.size());
    sent.forEach(ended -> args.addAll(List.of(ended.job().id(), ended.job().token(), ended.kind(), ended.text(),
        ended.retryInMs())));
    QueueScripts.ADVANCE.run(line, prefix, queue, args)
        .onComplete(result -> onContext(() -> advanced(result, free, sent)));
  }

  private void advanced(AsyncResult<Response> result, int asked, List<Ended> sent) {
    advancing = false;
    if (result.failed()) {
      // reported again on the next poll (while stopping, sooner): an outcome that did land is then answered as lost,
      // which changes nothing; jobs the lost answer gave this worker come back to the queue when their lease expires
      sent.addAll(outcomes);
      outcomes = sent;
      LOG.warn("queue {}: cannot reach Redis, trying again: {}", queue, result.cause().getMessage());
      if (stopped && !outcomes.isEmpty()) {
        vertx.setTimer(STOPPING_RETRY_MS, id -> advance());
      }
      checkDrained();
      return;
    }
    Set<String> lost = new HashSet<>();
    result.result().get(2).forEach(id -> lost.add(id.toString()));
    sent.forEach(ended -> {
      if (lost.contains(ended.job().id())) {
        LOG.info("queue {}: job {} had been taken back from this worker (its lease expired) before it reported its "
            + "attempt", queue, ended.job().id());
        listener.ended(ended.job(), "lost", "its lease had expired", ended.ranMs());
      } else if (!ended.kind().equals(RETURNED)) {
        String error = ended.kind().equals(JobListener.COMPLETED) ? null : ended.text();
        listener.ended(ended.job(), ended.kind(), error, ended.ranMs());
      }
    });
    Response jobs = result.result().get(0);
    jobs.forEach(job -> {
      if (stopped) {
        handBack(TakenJob.from(queue, job));
      } else if (running.size() < options.concurrency()) {
        run(TakenJob.from(queue, job));
      } else {
        prefetched.add(TakenJob.from(queue, job));
      }
    });
    wakeWhenDue(result.result().get(1).toLong());
    if (asked > 0 && jobs.size() == asked) {
      again = true;
    }
    if (again || !outcomes.isEmpty()) {
      advance();
    } else {
      checkDrained();
    }
  }

  private int prefetch() {
    if (options.prefetch() != WorkerOptions.AUTO) {
      return options.prefetch();
    }
    return meanRunMs < WorkerOptions.SHORT_JOB_MS ? options.concurrency() / 2 : 0;
  }

  private void wakeWhenDue(long inMs) {
    if (inMs < 0 || stopped) {
      return;
    }
    vertx.cancelTimer(dueTimer);
    dueTimer = vertx.setTimer(Math.max(1, inMs), id -> {
      dueTimer = -1;
      advance();
    });
  }

  private void run(TakenJob job) {
    long began = System.nanoTime();
    running.put(job.id(), new Attempt(job, began));
    listener.started(job, Math.max(0, job.startedAt() - job.dueAt()));
    Future<JsonObject> attempt;
    try {
      JobHandler handler = handlers.get(job.type());
      if (handler == null) {
        throw new JobFailure("no handler for job type '" + job.type() + "' in queue '" + queue
            + "'; this worker runs: " + String.join(", ", new TreeSet<>(handlers.keySet())));
      }
      attempt = handler.run(new Running(job, decode(job.data())));
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    attempt.onComplete(ended -> onContext(() -> ended(job, ended, (System.nanoTime() - began) / 1_000_000)));
  }

  private void ended(TakenJob job, AsyncResult<JsonObject> result, long ranMs) {
    // an attempt that ended already (timed out), whose job this worker may since have taken again, is not reported
    Attempt attempt = running.get(job.id());
    if (attempt == null || attempt.job() != job) {
      return;
    }
    running.remove(job.id());
    meanRunMs += (ranMs - meanRunMs) * RUN_TIME_WEIGHT;
    if (result.succeeded()) {
      String value = result.result() == null ? "null" : result.result().encode();
      outcomes.add(new Ended(job, JobListener.COMPLETED, value, 0, ranMs));
    } else if (result.cause() instanceof ContinueLater) {
      outcomes.add(new Ended(job, CONTINUED, "", 0, ranMs));
    } else if (result.cause() instanceof Postponed postponed) {
      outcomes.add(new Ended(job, POSTPONED, postponed.getMessage(), postponed.delayMs(), ranMs));
    } else {
      String kind = result.cause() instanceof JobFailure ? JobListener.FAILED
          : job.attempt() >= job.maxAttempts() ? JobListener.DEAD : "retry";
      outcomes.add(new Ended(job, kind, String.valueOf(result.cause().getMessage()),
          Backoff.delayMs(job.backoffMs(), job.attempt()), ranMs));
    }
    if (!prefetched.isEmpty()) {
      run(prefetched.poll());
    }
    advanceSoon();
  }

  /** Ends the attempts that ran past the job timeout (one timer for all, not one per job), and renews the rest. */
  private void renewLeases() {
    long now = System.nanoTime();
    long timeoutMs = options.jobTimeout().toMillis();
    List.copyOf(running.values()).stream().filter(a -> (now - a.startedNanos()) / 1_000_000 > timeoutMs)
        .forEach(a -> ended(a.job(), Future.failedFuture("timed out: ran longer than " + timeoutMs + " ms"), timeoutMs));
    if (running.isEmpty() && prefetched.isEmpty()) {
      return;
    }
    List<Object> args = new ArrayList<>();
    args.add(options.lease().toMillis());
    running.values().forEach(attempt -> {
      args.add(attempt.job().id());
      args.add(attempt.job().token());
    });
    prefetched.forEach(job -> {
      args.add(job.id());
      args.add(job.token());
    });
    QueueScripts.EXTEND.run(line, prefix, queue, args)
        .onFailure(e -> LOG.warn("queue {}: cannot renew the leases of {} jobs: {}", queue, running.size(), e.getMessage()));
  }

  private void recoverStalled() {
    QueueScripts.RECOVER.run(line, prefix, queue, List.of())
        .onSuccess(r -> {
          if (r.toInteger() > 0) {
            LOG.info("queue {}: took back {} jobs whose workers stopped renewing their leases", queue, r.toInteger());
          }
        })
        .onFailure(e -> LOG.debug("queue {}: cannot look for stalled jobs: {}", queue, e.getMessage()));
  }

  private void checkDrained() {
    if (drained != null && running.isEmpty() && prefetched.isEmpty() && outcomes.isEmpty() && !advancing) {
      drained.tryComplete();
    }
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /** The host's name as the environment gives it (a pod's name on Kubernetes), without a lookup that could block. */
  private static String hostName() {
    return System.getenv().getOrDefault("HOSTNAME", "localhost");
  }

  private static JsonObject decode(String data) {
    try {
      return new JsonObject(data);
    } catch (DecodeException | ClassCastException e) {
      throw new JobFailure("the job's data is not a JSON object: " + e.getMessage());
    }
  }

  private record Attempt(TakenJob job, long startedNanos) {
  }

  /** An attempt that ended, until the advance script records it: kind and text as {@code advance.lua} takes them. */
  private record Ended(TakenJob job, String kind, String text, long retryInMs, long ranMs) {
  }

  private final class Running implements RunningJob {

    private final TakenJob job;
    private final JsonObject data;

    private Running(TakenJob job, JsonObject data) {
      this.job = job;
      this.data = data;
    }

    @Override
    public String id() {
      return job.id();
    }

    @Override
    public String type() {
      return job.type();
    }

    @Override
    public JsonObject data() {
      return data;
    }

    @Override
    public int attempt() {
      return job.attempt();
    }

    @Override
    public int maxAttempts() {
      return job.maxAttempts();
    }

    @Override
    public String tenant() {
      return job.tenant();
    }

    @Override
    public String user() {
      return job.user();
    }

    @Override
    public JsonObject checkpoint() {
      return job.checkpoint() == null ? null : new JsonObject(job.checkpoint());
    }

    @Override
    public Future<Void> progress(int percent, JsonObject checkpoint) {
      int clamped = Math.max(0, Math.min(100, percent));
      List<Object> args = checkpoint == null ? List.of(job.id(), job.token(), clamped)
          : List.of(job.id(), job.token(), clamped, checkpoint.encode());
      return QueueScripts.PROGRESS.run(line, prefix, queue, args)
          .onSuccess(r -> onContext(() -> listener.progressed(job, clamped))).mapEmpty();
    }
  }
}
