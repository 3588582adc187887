package com.medcontracthub.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Group concurrency holds across two JVMs: a worker in a child JVM and one in the test's, on one queue. */
class TwoJvmsTest extends QueueTest {

  private Process child;

  @AfterEach
  void stopChild() throws Exception {
    if (child != null) {
      child.getOutputStream().close();
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
  }

  /** The child worker, once it takes jobs; its output is read to the end so that it never waits on a full pipe. */
  private void startChild(String redisUri, String queue) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", classPath, GroupWorkerProcess.class.getName(), redisUri, f.prefix, queue, "child")
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
    for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
      if (line == null) {
        throw new IllegalStateException("the child worker ended before it was ready");
      }
    }
    Thread drain = new Thread(() -> out.lines().forEach(line -> { }), "child-worker-output");
    drain.setDaemon(true);
    drain.start();
  }

  @Test
  @Timeout(value = 2, timeUnit = TimeUnit.MINUTES)
  @DisplayName("one job at a time per group across two JVMs, while the groups run side by side and both JVMs work")
  void groupConcurrencyAcrossJvms(VertxTestContext test) throws Exception {
    String redisUri = TestInfrastructure.get().settings().get(ConfigKeys.REDIS_URI);
    startChild(redisUri, "tenants");
    GroupWorkerProcess.start(f.vertx, redisUri, f.prefix, "tenants", "parent")
        // a group's jobs one after the other in the queue: without the limit both JVMs would run t0's at once
        .compose(worker -> Future.all(IntStream.range(0, 24).mapToObj(i -> f.jobs.enqueue("tenants",
                NewJob.of(GroupWorkerProcess.TYPE, new JsonObject().put("group", "t" + i / 8)).inGroup("t" + i / 8)))
                .toList())
            .compose(v -> f.countsWhen("tenants", counts -> counts.completedTotal() == 24, "24 jobs completed"))
            .compose(v -> f.line.send(Request.cmd(Command.LRANGE).arg(f.prefix + ":log").arg(0).arg(-1)))
            .eventually(worker::stop))
        .onComplete(test.succeeding(log -> test.verify(() -> {
          Map<String, Integer> runningPerGroup = new HashMap<>();
          Map<String, Integer> mostPerGroup = new HashMap<>();
          int running = 0;
          int mostRunning = 0;
          Set<String> workers = new HashSet<>();
          for (Response entry : log) {
            String[] parts = entry.toString().split(" ");
            int change = parts[0].equals("start") ? 1 : -1;
            int inGroup = runningPerGroup.merge(parts[1], change, Integer::sum);
            mostPerGroup.merge(parts[1], inGroup, Math::max);
            running += change;
            mostRunning = Math.max(mostRunning, running);
            workers.add(parts[2]);
          }
          assertEquals(48, log.size(), "a start and an end per job");
          assertEquals(Map.of("t0", 1, "t1", 1, "t2", 1), mostPerGroup, "at most one job at a time per group: " + log);
          assertTrue(mostRunning > 1, "the groups ran side by side");
          assertEquals(Set.of("parent", "child"), workers, "both JVMs ran jobs");
          test.completeNow();
        })));
  }
}
