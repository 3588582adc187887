package com.medcontracthub.jobs;

import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.Map;

/**
 * A worker of {@link TwoJvmsTest} in a JVM of its own (and the same worker in the test's JVM): each job writes when it
 * starts and ends, by the Redis clock, to a list the test reads. Prints "ready" once it takes jobs, stops when stdin
 * closes.
 * <pre>GroupWorkerProcess redis-uri prefix queue name</pre>
 */
public final class GroupWorkerProcess {

  static final String TYPE = "hold";
  static final long HOLD_MS = 60;
  static final QueueOptions ONE_PER_GROUP = QueueOptions.DEFAULTS.withConcurrency(0, 1);

  private GroupWorkerProcess() {
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    start(vertx, args[0], args[1], args[2], args[3]).toCompletionStage().toCompletableFuture().get();
    System.out.println("ready");
    System.in.transferTo(java.io.OutputStream.nullOutputStream());
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  /** A worker whose jobs hold a slot of their group for {@value #HOLD_MS} ms, logging "start|end group name". */
  static Future<Worker> start(Vertx vertx, String redisUri, String prefix, String queue, String name) {
    RedisOptions options = new RedisOptions().setConnectionString(redisUri);
    RedisLine line = new RedisLine(Redis.createClient(vertx, options), 5_000);
    String log = prefix + ":log";
    // one job at a time in each worker: a worker reports a job and takes the next of its group in one round trip, so
    // with room for more it would keep every group to itself
    return Worker.start(vertx, options, prefix, queue, ONE_PER_GROUP, WorkerOptions.DEFAULTS.withConcurrency(1),
        Map.of(TYPE, job -> {
          String group = job.data().getString("group");
          return line.send(Request.cmd(Command.RPUSH).arg(log).arg("start " + group + " " + name))
              .compose(started -> vertx.timer(HOLD_MS))
              .compose(held -> line.send(Request.cmd(Command.RPUSH).arg(log).arg("end " + group + " " + name)))
              .map(ended -> new JsonObject());
        }), JobListener.NONE);
  }
}
