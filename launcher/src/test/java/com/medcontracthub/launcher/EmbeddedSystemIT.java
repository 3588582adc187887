package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.testkit.GatewayClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("mch up (embedded)")
class EmbeddedSystemIT {

  /** Every embedded port free-picked, so the test runs beside anything else on the machine. */
  static final String[] FREE_PORTS = {"--set", "gateway.port=0", "--set", "embedded.kafka-port=0",
      "--set", "embedded.kafka-controller-port=0", "--set", "embedded.postgres-port=0", "--set", "embedded.redis-port=0"};

  @TempDir
  Path dataDir;

  private MchProcess up(String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("up", "--data-dir", dataDir.toString()));
    args.addAll(List.of(FREE_PORTS));
    args.addAll(List.of(extra));
    return MchProcess.start(Map.of(), args.toArray(String[]::new));
  }

  @Test
  @DisplayName("boots, reports every dependency UP and serves metrics, then stops on SIGTERM leaving no process behind")
  void bootsAndStops(Vertx vertx, VertxTestContext ctx) throws Exception {
    MchProcess mch = up("--fresh");
    Future.fromCompletionStage(mch.ready())
        .compose(port -> {
          ctx.verify(() -> {
            assertTrue(mch.stdout().contains("kafka"), mch.stdout());
            assertTrue(mch.stdout().contains("postgres"), mch.stdout());
            assertTrue(mch.stdout().contains("redis"), mch.stdout());
          });
          GatewayClient gateway = new GatewayClient(vertx, port);
          return gateway.get("/health/ready").compose(ready -> {
            ctx.verify(() -> {
              assertEquals(200, ready.statusCode());
              JsonObject body = ready.bodyAsJsonObject();
              assertEquals("UP", body.getString("status"));
              Set<String> up = body.getJsonArray("checks").stream().map(JsonObject.class::cast)
                  .filter(c -> c.getString("status").equals("UP")).map(c -> c.getString("id")).collect(Collectors.toSet());
              assertEquals(Set.of("kafka", "postgres", "redis"), up);
            });
            return gateway.get("/metrics");
          }).compose(metrics -> {
            ctx.verify(() -> {
              assertEquals(200, metrics.statusCode());
              assertTrue(metrics.bodyAsString().contains("jvm_memory_used_bytes"));
              assertTrue(metrics.bodyAsString().contains("vertx_http_server_requests_total"));
            });
            return gateway.get("/health/live");
          }).eventually(() -> {
            gateway.close();
            return Future.succeededFuture();
          });
        })
        .compose(live -> vertx.executeBlocking(() -> {
          assertEquals(200, live.statusCode());
          List<ProcessHandle> children = mch.descendants();
          assertFalse(children.isEmpty(), "PostgreSQL and Redis run as child processes");
          mch.terminate();
          mch.awaitExit(10);
          for (ProcessHandle child : children) {
            child.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
          }
          return null;
        }))
        .onComplete(ar -> {
          if (mch.isAlive()) {
            mch.kill();
          }
          ctx.verify(() -> assertTrue(ar.succeeded(), () -> "stderr: " + mch.stderr() + " cause: " + ar.cause()));
          ctx.completeNow();
        });
  }
}
