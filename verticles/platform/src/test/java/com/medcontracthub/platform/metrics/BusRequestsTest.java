package com.medcontracthub.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Event-bus request metrics")
class BusRequestsTest {

  private Vertx metered;

  /** A Vert.x with Micrometer's Prometheus registry, the JVM's default one, which the product's metrics go to. */
  @BeforeEach
  void metered() {
    metered = Vertx.builder().withMetrics(new MicrometerMetricsFactory())
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .build();
  }

  @AfterEach
  void close() {
    metered.close().await();
  }

  @Test
  @DisplayName("time each request by address and outcome: replied, failed by the service, timed out, or unserved")
  void outcomes(VertxTestContext ctx) {
    metered.eventBus().consumer("test.replies", m -> m.reply("ok"));
    metered.eventBus().consumer("test.refuses", m -> m.fail(404, "no such notice"));
    metered.eventBus().consumer("test.silent", m -> { });
    List<String> addresses = List.of("test.replies", "test.refuses", "test.silent", "test.unserved");
    Future.join(addresses.stream().map(address -> {
      long started = System.nanoTime();
      return metered.eventBus().request(address, "hello", new DeliveryOptions().setSendTimeout(200))
          .andThen(outcome -> BusRequests.record(address, started, outcome));
    }).toList()).onComplete(done -> ctx.verify(() -> {
      assertEquals(1, timer("test.replies", "ok").count());
      assertEquals(1, timer("test.refuses", "recipient_failure").count());
      assertEquals(1, timer("test.silent", "timeout").count());
      assertEquals(1, timer("test.unserved", "no_handlers").count());
      assertTrue(timer("test.silent", "timeout").totalTime(TimeUnit.MILLISECONDS) >= 200,
          "the timeout's wait is what it measures");
      ctx.completeNow();
    }));
  }

  private static Timer timer(String address, String outcome) {
    return Meters.registry().get(BusRequests.METRIC).tags("address", address, "outcome", outcome).timer();
  }
}
