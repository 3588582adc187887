package com.medcontracthub.identity.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.embedded.Ports;
import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Login throttle without Redis")
class LoginThrottleTest {

  @Test
  @DisplayName("counts failed logins in the JVM while Redis refuses connections: the limit still holds, and a good "
      + "login clears it")
  void countsLocally(Vertx vertx, VertxTestContext ctx) {
    // nothing listens there: every command fails as it would with Redis down
    Redis down = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString("redis://127.0.0.1:" + Ports.free("127.0.0.1")));
    LoginThrottle throttle = new LoginThrottle(new RedisLine(down, 2_000), 3);
    String email = "someone@example.gov";
    Future.all(IntStream.range(0, 2).mapToObj(i -> throttle.recordFailure(email)).toList())
        .compose(v -> throttle.retryAfter(email))
        .compose(underLimit -> throttle.recordFailure(email).compose(v -> throttle.retryAfter(email))
            .compose(atLimit -> throttle.retryAfter("SOMEONE@example.gov")
                .compose(sameAddress -> throttle.clear(email).compose(v -> throttle.retryAfter(email))
                    .map(cleared -> new long[] {underLimit, atLimit, sameAddress, cleared}))))
        .andThen(done -> down.close())
        .onComplete(ctx.succeeding(waits -> ctx.verify(() -> {
          assertEquals(0, waits[0], "two failures of three allowed");
          assertTrue(waits[1] > 0 && waits[1] <= LoginThrottle.WINDOW_SECONDS, "refused for the window: " + waits[1]);
          assertEquals(waits[1], waits[2], 1, "the address, whatever its case");
          assertEquals(0, waits[3], "cleared by a good login");
          ctx.completeNow();
        })));
  }
}
