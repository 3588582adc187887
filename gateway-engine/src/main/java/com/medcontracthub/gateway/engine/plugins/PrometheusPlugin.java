package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.Plugin;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
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

  private final RequestMeters meters;
  private final boolean perConsumer;
  private final boolean statusCodes;
  private final boolean latency;
  private final boolean bandwidth;

  PrometheusPlugin(JsonObject config) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry == null) {
      LOG.warn("prometheus plugin: this JVM runs without metrics; nothing will be recorded");
    }
    this.meters = registry == null ? null : new RequestMeters(registry);
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
    if (meters == null) {
      return;
    }
    String consumer = perConsumer && exchange.consumer() != null ? exchange.consumer().username() : "";
    RequestMeters.Series series = meters.of(exchange.service().name(), exchange.route().name(), consumer);
    if (statusCodes) {
      series.answered(exchange.ctx().response().getStatusCode());
    }
    if (latency) {
      series.took(nanos);
    }
    if (bandwidth) {
      series.bytes("ingress", exchange.ctx().request().bytesRead());
      series.bytes("egress", exchange.ctx().response().bytesWritten());
    }
  }
}
