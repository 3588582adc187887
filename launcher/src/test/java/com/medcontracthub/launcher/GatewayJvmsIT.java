package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.embedded.Ports;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.GatewayClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two gateway JVMs of one cluster, serving one declarative file, sharing Redis. */
@ExtendWith(VertxExtension.class)
@DisplayName("Gateway JVMs sharing Redis")
class GatewayJvmsIT {

  @TempDir
  Path dir;
  private final List<MchProcess> gateways = new ArrayList<>();

  @AfterEach
  void stop() {
    gateways.forEach(MchProcess::kill);
  }

  private MchProcess gateway(Path file, int clusterPort, String members) throws Exception {
    MchProcess mch = MchProcess.clusterNode(clusterPort, members, "--services=gateway", "--set", "gateway.port=0",
        "--set", "gateway.declarative-file=" + file);
    gateways.add(mch);
    return mch;
  }

  @Test
  @DisplayName("read the declarative file again on SIGHUP")
  void reloadOnHangUp(Vertx vertx, VertxTestContext ctx) throws Exception {
    String version = """
        _format_version: "3.0"
        services:
          - name: status
            url: http://127.0.0.1:1
            routes: [{name: status, paths: [/status]}]
            plugins: [{name: request-termination, config: {status_code: 200, message: "%s"}}]
        """;
    Path file = Files.writeString(dir.resolve("hup.yaml"), version.formatted("one"));
    FileTime written = Files.getLastModifiedTime(file);
    int port = Ports.free("127.0.0.1");
    MchProcess mch = gateway(file, port, "127.0.0.1:" + port);
    GatewayClient client = new GatewayClient(vertx, mch.ready().get());
    client.get("/status").send()
        .compose(first -> {
          ctx.verify(() -> assertEquals("one", first.bodyAsJsonObject().getString("message")));
          try {
            // same size and time: the file watcher sees no change, so only the signal can make it read again
            Files.writeString(file, version.formatted("two"));
            Files.setLastModifiedTime(file, written);
            return vertx.timer(1_500).compose(t -> client.get("/status").send());
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
        })
        .compose(unchanged -> {
          ctx.verify(() -> assertEquals("one", unchanged.bodyAsJsonObject().getString("message")));
          try {
            mch.hangUp();
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
          return Eventually.untilTrue(vertx, () -> client.get("/status").send()
              .map(reloaded -> "two".equals(reloaded.bodyAsJsonObject().getString("message"))), 10_000,
              "the file read again after SIGHUP");
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Void> sequentially(int times, Supplier<Future<?>> step) {
    return times == 0 ? Future.succeededFuture() : step.get().compose(v -> sequentially(times - 1, step));
  }

  @Test
  @DisplayName("hold one limit of 5 a minute between them, not 5 each")
  void sharedLimit(Vertx vertx, VertxTestContext ctx) throws Exception {
    int upstream = vertx.createHttpServer().requestHandler(r -> r.response().end("ok")).listen(0, "127.0.0.1").await()
        .actualPort();
    Path file = Files.writeString(dir.resolve("gateway.yaml"), """
        _format_version: "3.0"
        services:
          - name: upstream
            url: http://127.0.0.1:%d
            routes: [{name: limited-%d, paths: [/limited]}]
            plugins: [{name: rate-limiting, config: {minute: 5, policy: redis, window_type: sliding}}]
        """.formatted(upstream, System.nanoTime()));
    int first = Ports.free("127.0.0.1");
    int second = Ports.free("127.0.0.1");
    String members = "127.0.0.1:" + first + ",127.0.0.1:" + second;
    MchProcess one = gateway(file, first, members);
    MchProcess two = gateway(file, second, members);
    GatewayClient a = new GatewayClient(vertx, one.ready().get());
    GatewayClient b = new GatewayClient(vertx, two.ready().get());
    List<Integer> statuses = new ArrayList<>();
    int[] turn = {0};
    sequentially(10, () -> (turn[0]++ % 2 == 0 ? a : b).get("/limited").send()
        .onSuccess(r -> statuses.add(r.statusCode())))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(200, 200, 200, 200, 200, 429, 429, 429, 429, 429), statuses);
          ctx.completeNow();
        })));
  }
}
