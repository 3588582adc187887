package com.medcontracthub.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.embedded.Ports;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/** A Redis of the test's own (with its append-only file, as in production), stopped and started again under a worker. */
@ExtendWith(VertxExtension.class)
class OutageTest {

  @TempDir
  Path dir;
  private RedisServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null && server.isActive()) {
      server.stop();
    }
  }

  private RedisServer redis(int port) throws Exception {
    RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("dir " + dir)
        .setting("appendonly yes").setting("appendfsync always").build();
    redis.start();
    return redis;
  }

  @Test
  @DisplayName("while Redis is down enqueueing fails, and nothing else; once it is back the worker runs new jobs on its own")
  void redisOutage(Vertx vertx, VertxTestContext test) throws Exception {
    int port = Ports.free("127.0.0.1");
    server = redis(port);
    RedisOptions options = new RedisOptions().setConnectionString("redis://127.0.0.1:" + port);
    Redis client = Redis.createClient(vertx, options);
    JobQueue jobs = new JobQueue(new RedisLine(client, 1_000), "outage");
    List<String> ran = new CopyOnWriteArrayList<>();
    Worker.start(vertx, options, "outage", "mail", QueueOptions.DEFAULTS, QueueFixture.FAST, Map.of("send", job -> {
          ran.add(job.id());
          return Future.succeededFuture(new JsonObject());
        }), JobListener.NONE)
        .compose(worker -> jobs.enqueue("mail", NewJob.of("send", new JsonObject()).withId("before"))
            .compose(e -> Eventually.until(vertx, () -> ran.contains("before"), 5_000, "the job before the outage"))
            .compose(v -> vertx.executeBlocking(() -> {
              server.stop();
              return null;
            }))
            .compose(v -> jobs.enqueue("mail", NewJob.of("send", new JsonObject()).withId("during"))
                .transform(during -> {
                  test.verify(() -> assertEquals(true, during.failed(), "enqueueing without Redis fails"));
                  return vertx.executeBlocking(() -> {
                    server = redis(port);
                    return null;
                  });
                }))
            .compose(v -> jobs.enqueue("mail", NewJob.of("send", new JsonObject()).withId("after")))
            .compose(e -> Eventually.until(vertx, () -> ran.contains("after"), 10_000, "the job after the outage"))
            .compose(v -> jobs.job("before").compose(before -> jobs.job("during").map(during -> List.of(
                before.state().wireName(), String.valueOf(during)))))
            .eventually(() -> worker.stop().eventually(client::close)))
        .onComplete(test.succeeding(states -> test.verify(() -> {
          assertEquals(List.of("completed", "null"), states, "the job before is kept, the refused one was never written");
          assertEquals(List.of("before", "after"), ran);
          test.completeNow();
        })));
  }
}
