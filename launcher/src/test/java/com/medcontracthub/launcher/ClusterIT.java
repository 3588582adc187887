package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.node.VertxFactory;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two JVM processes on 127.0.0.1: this test's, and a {@code mch up --cluster} child. Requests cross the cluster, fail
 * within their timeout once the child is SIGKILLed, and are answered again when it is back.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("mch up --cluster")
class ClusterIT {

  private static final long REQUEST_TIMEOUT_MS = 3_000;

  private final int childPort = Ports.free("127.0.0.1");
  private final int testPort = Ports.free("127.0.0.1");
  private final String members = "127.0.0.1:" + childPort + ",127.0.0.1:" + testPort;
  private MchProcess child;
  private Vertx clustered;

  private Map<String, String> env(int clusterPort) {
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put("MCH_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("MCH_CLUSTER_MEMBERS", members);
    return env;
  }

  private MchProcess startChild() throws Exception {
    return MchProcess.start(env(childPort), "up", "--cluster", "--services=gateway");
  }

  private Future<Message<JsonObject>> askNode() {
    return clustered.eventBus().request(Addresses.NODE_HEALTH, new JsonObject(),
        new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS));
  }

  /** After a restart the cluster needs a moment to learn the new member's handlers: ask until it answers. */
  private Future<Message<JsonObject>> askNodeUntilAnswered(long deadline) {
    return askNode().recover(e -> System.currentTimeMillis() > deadline
        ? Future.failedFuture(e)
        : clustered.timer(200).compose(t -> askNodeUntilAnswered(deadline)));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (child != null && child.isAlive()) {
      child.kill();
    }
    if (clustered != null) {
      clustered.close().await();
    }
  }

  @Test
  @DisplayName("a request crosses two JVMs, fails within its timeout after SIGKILL, and is answered after a restart")
  void requestReplyAcrossJvms(VertxTestContext ctx) throws Exception {
    child = startChild();
    child.ready().get(120, java.util.concurrent.TimeUnit.SECONDS);
    clustered = ConfigLoader.load(Vertx.vertx(), "cluster", Optional.empty(), env(testPort), Map.of())
        .compose(config -> VertxFactory.create(config, true))
        .await();

    askNodeUntilAnswered(System.currentTimeMillis() + 30_000)
        .compose(first -> {
          ctx.verify(() -> assertEquals(new JsonArray().add("gateway"), first.body().getJsonArray("services")));
          child.kill();
          return clustered.executeBlocking(() -> child.awaitExit(10)).map(first.body().getString("node"));
        })
        .compose(firstNode -> {
          long t0 = System.nanoTime();
          return askNode().transform(ar -> {
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            ctx.verify(() -> {
              assertTrue(ar.failed(), "no node answers after SIGKILL");
              assertTrue(tookMs <= REQUEST_TIMEOUT_MS + 1_000, "failed after " + tookMs + " ms, not within its timeout");
            });
            return Future.succeededFuture(firstNode);
          });
        })
        .compose(firstNode -> clustered.executeBlocking(() -> {
          child = startChild();
          child.ready().get(120, java.util.concurrent.TimeUnit.SECONDS);
          return firstNode;
        }))
        .compose(firstNode -> askNodeUntilAnswered(System.currentTimeMillis() + 30_000).map(again -> {
          ctx.verify(() -> assertNotEquals(firstNode, again.body().getString("node"), "answered by the restarted JVM"));
          return again;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }
}
