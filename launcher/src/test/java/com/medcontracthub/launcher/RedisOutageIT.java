package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.embedded.Ports;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.GatewayClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/**
 * Redis stopped under a running JVM (gateway, identity, opportunities) that has a Redis of its own: what needs Redis
 * degrades (the login throttle counts in the JVM, the opportunity cache is skipped) while logins, search, an
 * opportunity and a pipeline move are answered; the JVM's readiness says Redis is down, and up again once it is back.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Redis down")
class RedisOutageIT {

  private static final long WAIT_MS = 60_000;
  private static final List<String> STAGES = List.of("identified", "qualifying", "bidding");

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String notice = "REDIS-" + suffix;
  private final List<Runnable> cleanup = new ArrayList<>();

  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    cleanup.forEach(Runnable::run);
  }

  @Test
  @DisplayName("logins, search, an opportunity and a pipeline move are answered while Redis is down; readiness follows "
      + "Redis down and up again")
  void answersWithoutRedis(Vertx vertx) throws Exception {
    String admin = "admin-" + suffix + "@redis.example";
    ClusterSeed.tenantWithNotices(vertx, "redis-" + suffix, admin, "secret", List.of(ClusterSeed.notice(notice,
        "Nitrile gloves")));
    int redisPort = Ports.free("127.0.0.1");
    RedisServer redis = redis(redisPort);
    redis.start();
    cleanup.add(() -> stopQuietly(redis));
    int clusterPort = Ports.free("127.0.0.1");
    MchProcess mch = MchProcess.clusterNode(clusterPort, "127.0.0.1:" + clusterPort,
        "--services=gateway,identity,opportunities", "--set", "gateway.port=0",
        "--set", "redis.uri=redis://127.0.0.1:" + redisPort);
    cleanup.add(mch::kill);
    GatewayClient gateway = new GatewayClient(vertx, mch.ready().get(3, TimeUnit.MINUTES));
    WebClient management = WebClient.create(vertx);
    assertEquals(List.of(200, 200, 200, 200), calls(gateway, admin, 0), "with Redis");

    redis.stop();
    Eventually.untilTrue(vertx, () -> redisStatus(management, mch.managementPort()).map("DOWN"::equals), WAIT_MS,
        "readiness shows Redis down").await();
    assertEquals(List.of(200, 200, 200, 200), calls(gateway, admin, 1), "without Redis");

    RedisServer back = redis(redisPort);
    back.start();
    cleanup.add(() -> stopQuietly(back));
    Eventually.untilTrue(vertx, () -> redisStatus(management, mch.managementPort()).map("UP"::equals), WAIT_MS,
        "readiness shows Redis up again").await();
    assertEquals(List.of(200, 200, 200, 200), calls(gateway, admin, 2), "with Redis back");
  }

  /** A login, a search, the notice and a move of it from {@code version}: their statuses. */
  private List<Integer> calls(GatewayClient gateway, String admin, int version) {
    HttpResponse<Buffer> login = gateway.request(HttpMethod.POST, "/api/v1/auth/login").timeout(20_000)
        .sendJsonObject(new JsonObject().put("email", admin).put("password", "secret")).await();
    if (login.statusCode() != 200) {
      return List.of(login.statusCode());
    }
    String token = login.bodyAsJsonObject().getString("access_token");
    return List.of(200,
        gateway.get("/api/v1/opportunities?q=gloves").bearerTokenAuthentication(token).timeout(20_000).send().await()
            .statusCode(),
        gateway.get("/api/v1/opportunities/" + notice).bearerTokenAuthentication(token).timeout(20_000).send().await()
            .statusCode(),
        gateway.request(HttpMethod.PUT, "/api/v1/pipeline/" + notice).bearerTokenAuthentication(token).timeout(20_000)
            .sendJsonObject(new JsonObject().put("stage", STAGES.get(version)).put("expectedVersion", version))
            .await().statusCode());
  }

  private Future<String> redisStatus(WebClient management, int port) {
    return management.get(port, "127.0.0.1", "/health/ready").timeout(10_000).send()
        .map(r -> r.bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
            .filter(c -> "redis".equals(c.getString("id"))).findFirst().map(c -> c.getString("status")).orElse("none"))
        .otherwise("no answer");
  }

  private RedisServer redis(int port) throws Exception {
    return RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("dir " + dir).build();
  }

  private static void stopQuietly(RedisServer server) {
    try {
      server.stop();
    } catch (Exception e) {
      // stopped already
    }
  }
}
