package com.medcontracthub.platform.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.medcontracthub.codecs.avro.EventCodec;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.correlation.CorrelationIds;
import com.medcontracthub.platform.metrics.Meters;
import com.medcontracthub.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;

/**
 * Builds the Vert.x instance of one JVM: Prometheus metrics always, OpenTelemetry traces when a collector is
 * configured, the domain events' codecs, correlation ids bound to each delivered message's work, a Hazelcast cluster
 * when asked.
 */
public final class VertxFactory {

  private static final String CLUSTER_NAME = "medcontracthub";

  private VertxFactory() {
  }

  public static Future<Vertx> create(MchConfig config, boolean clustered) {
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(Meters.newPrometheusRegistry()));
    Tracing.start(config).ifPresent(sdk -> builder.withTracer(new OpenTelemetryTracingFactory(sdk)));
    if (!clustered) {
      return Future.succeededFuture(prepared(builder.with(options).build()));
    }
    options.setEventBusOptions(new EventBusOptions()
        .setHost(config.cluster().host())
        .setClusterPublicHost(config.cluster().publicHost())
        .setPort(config.cluster().busPort()));
    return builder.with(options).withClusterManager(new HazelcastClusterManager(hazelcast(config))).buildClustered()
        .map(VertxFactory::prepared);
  }

  private static Vertx prepared(Vertx vertx) {
    EventCodec.registerAll(vertx);
    CorrelationIds.bindOnDelivery(vertx);
    return vertx;
  }

  /**
   * Vert.x's own Hazelcast configuration (the maps and locks it needs), joined over TCP-IP to the configured members,
   * or through the Kubernetes API when {@code cluster.kubernetes} is set. Fast joins and failure detection suit a
   * small cluster on one network.
   */
  static Config hazelcast(MchConfig config) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(CLUSTER_NAME);
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(config.cluster().port()).setPortAutoIncrement(true);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (config.cluster().kubernetes()) {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true).setProperty("service-name", config.cluster().kubernetesService());
    } else {
      hz.setProperty("hazelcast.socket.bind.any", "false");
      network.getInterfaces().setEnabled(true).addInterface(config.cluster().host());
      join.getTcpIpConfig().setEnabled(true).setMembers(config.cluster().members());
    }
    return hz;
  }
}
