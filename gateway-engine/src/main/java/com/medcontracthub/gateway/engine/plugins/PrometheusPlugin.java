package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.Plugin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's {@code prometheus}, on the JVM's {@code /metrics} (the management port, as Kong serves it on its status port): per service and route, the requests by status
 * ({@code status_code_metrics}), a latency histogram ({@code latency_metrics}) and the bytes in and out
 * ({@code bandwidth_metrics}), labelled by consumer when {@code per_consumer}. Named as every metric here is,
 * {@code mch_gateway_…}.
 */
final class PrometheusPlugin implements Plugin {

  private static final Logger LOG = LoggerFactory.getLogger(PrometheusPlugin.class);

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .bool("per_consumer", false)
      .bool("status_code_metrics", false)
      .bool("latency_metrics", false)
      .bool("bandwidth_metrics", false)
      .bool("upstream_health_metrics", false)
      .bool("ai_metrics", false)
      .build();

  /** Kong's latency buckets: 20 per series where Micrometer's percentile histogram has 70, and the same as Kong's. */
  private static final Duration[] BUCKETS = LongStream.of(1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750,
      1_000, 2_000, 5_000, 10_000, 30_000, 60_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

  private final MeterRegistry registry;
  private final boolean perConsumer;
  private final boolean statusCodes;
  private final boolean latency;
  private final boolean bandwidth;
  /** Meters by their label values: looked up once, not registered again on every answer. */
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
  private final Map<String, Counter> bandwidths = new ConcurrentHashMap<>();

  PrometheusPlugin(JsonObject config) {
    this.registry = BackendRegistries.getDefaultNow();
    if (registry == null) {
      LOG.warn("prometheus plugin: this JVM runs without metrics; nothing will be recorded");
    }
    this.perConsumer = config.getBoolean("per_consumer");
    this.statusCodes = config.getBoolean("status_code_metrics");
    this.latency = config.getBoolean("latency_metrics");
    this.bandwidth = config.getBoolean("bandwidth_metrics");
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    return Answers.GO_ON;
  }

  @Override
  public void log(Exchange exchange, long nanos) {
    if (registry == null) {
      return;
    }
    String service = exchange.service().name();
    String route = exchange.route().name();
    String consumer = perConsumer && exchange.consumer() != null ? exchange.consumer().username() : "";
    String series = service + '\0' + route + '\0' + consumer;
    if (statusCodes) {
      int code = exchange.ctx().response().getStatusCode();
      requests.computeIfAbsent(series + '\0' + code, k -> Counter.builder("mch.gateway.requests")
          .description("Requests through declarative routes, by status")
          .tags("service", service, "route", route, "code", String.valueOf(code), "consumer", consumer)
          .register(registry)).increment();
    }
    if (latency) {
      latencies.computeIfAbsent(series, k -> Timer.builder("mch.gateway.request.latency")
          .description("From the request to the end of its answer")
          .tags("service", service, "route", route, "consumer", consumer)
          .serviceLevelObjectives(BUCKETS)
          .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }
    if (bandwidth) {
      bytes(series, service, route, consumer, "ingress").increment(exchange.ctx().request().bytesRead());
      bytes(series, service, route, consumer, "egress").increment(exchange.ctx().response().bytesWritten());
    }
  }

  private Counter bytes(String series, String service, String route, String consumer, String direction) {
    return bandwidths.computeIfAbsent(series + '\0' + direction, k -> Counter.builder("mch.gateway.bandwidth")
        .baseUnit("bytes").description("Bytes in (ingress) and out (egress)")
        .tags("service", service, "route", route, "direction", direction, "consumer", consumer)
        .register(registry));
  }
}
