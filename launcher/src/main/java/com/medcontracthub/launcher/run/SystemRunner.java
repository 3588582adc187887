package com.medcontracthub.launcher.run;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.embedded.EmbeddedInfrastructure;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.gateway.GatewayVerticle;
import com.medcontracthub.realtime.TcpBridgeVerticle;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.health.DependencyChecks;
import com.medcontracthub.platform.kafka.KafkaBridgeVerticle;
import com.medcontracthub.platform.logging.Logging;
import com.medcontracthub.platform.node.NodeHealthVerticle;
import com.medcontracthub.platform.node.VertxFactory;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Brings one JVM up — embedded infrastructure (embedded profile), Vert.x, dependency checks, database migrations
 * and demo data (embedded profile), the node's own verticles, then its services — and down again in the reverse
 * order.
 */
public final class SystemRunner {

  private static final Logger LOG = LoggerFactory.getLogger(SystemRunner.class);
  /** Each shutdown step gets at most this long, so the whole stays under the 10 s operators expect. */
  private static final long STOP_STEP_SECONDS = 3;

  private final Console console;
  private final Deque<String> deployments = new ArrayDeque<>();
  private EmbeddedInfrastructure infra;
  private Vertx vertx;
  private DependencyChecks checks;
  private int gatewayPort = -1;
  private List<String> demoLogins = List.of();

  public SystemRunner(Console console) {
    this.console = console;
  }

  /** Starts everything or, on the first failure, stops what had started and rethrows. */
  public void start(MchConfig configured, boolean clustered, boolean fresh) {
    try {
      Logging.configure(configured.logFormat());
      ServiceCatalog.validate(configured.services());
      MchConfig config = configured;
      if (config.embedded()) {
        infra = EmbeddedSettings.start(config, fresh, console);
        config = config.with(infra.settings(), "embedded infrastructure");
      }
      long t0 = System.nanoTime();
      vertx = VertxFactory.create(config, clustered).await();
      console.started(clustered ? "cluster" : "vert.x", clustered ? "joined " + config.clusterMembers() : "local event bus",
          since(t0));
      checks = DependencyChecks.create(vertx, config);
      checks.verifyReachable(config.healthStartupWaitMs()).await();
      migrate(config);
      if (config.embedded()) {
        demoLogins = DemoData.write(config, console);
      }

      String nodeId = UUID.randomUUID().toString();
      deploy("node", new NodeHealthVerticle(nodeId, config.services(), checks.healthChecks()), "id " + nodeId);
      deploy("kafka-bridge", new KafkaBridgeVerticle(config),
          config.inbound().size() + " inbound, " + config.outbound().size() + " outbound mappings");
      MchConfig services = withSharedGatewayPort(config);
      for (String service : services.services()) {
        for (Deployable verticle : ServiceCatalog.create(service, services, checks.healthChecks())) {
          deploy(service, verticle, verticle.getClass().getSimpleName());
          if (verticle instanceof GatewayVerticle gateway) {
            gatewayPort = gateway.port();
            moreGateways(services, checks);
          }
        }
      }
      demoLogins.forEach(console::line);
      console.line(gatewayPort > 0
          ? "MedContractHub ready: http://localhost:" + gatewayPort
          : "MedContractHub node ready: " + String.join(", ", config.services()));
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /**
   * Gateway instances share a port only when they ask for the same one, and each asking for port 0 would get its own:
   * so a port 0 becomes one free port, chosen here, for all of them.
   */
  private static MchConfig withSharedGatewayPort(MchConfig config) {
    if (config.gatewayPort() != 0 || config.gatewayInstances() < 2 || !config.services().contains("gateway")) {
      return config;
    }
    return config.with(Map.of(ConfigKeys.GATEWAY_PORT, String.valueOf(Ports.free(config.gatewayHost()))),
        "a free port for every gateway instance");
  }

  private void moreGateways(MchConfig config, DependencyChecks checks) {
    for (int instance = 2; instance <= config.gatewayInstances(); instance++) {
      deploy("gateway", new GatewayVerticle(config, checks.healthChecks()),
          "instance " + instance + " of " + config.gatewayInstances());
    }
  }

  private void migrate(MchConfig config) {
    long t0 = System.nanoTime();
    Migrations.Outcome outcome = Migrations.apply(config.postgresUri());
    console.started("migrations", outcome.applied() + " applied, schema version " + outcome.schemaVersion(), since(t0));
  }

  private void deploy(String name, Deployable verticle, String detail) {
    long t0 = System.nanoTime();
    deployments.push(vertx.deployVerticle(verticle).await());
    String shown = verticle instanceof GatewayVerticle gateway ? "http://localhost:" + gateway.port() + " (bridge at /eventbus)"
        : verticle instanceof TcpBridgeVerticle tcp ? "TCP event-bus bridge on port " + tcp.port()
        : detail;
    console.started(name, shown, since(t0));
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  /** SIGHUP makes this JVM's gateways read their declarative file again (as nginx and Kong do). */
  public void reloadOnHangup() {
    Signal.handle(new Signal("HUP"), signal -> {
      Vertx running = vertx;
      if (running != null) {
        running.eventBus().publish(Addresses.GATEWAY_RELOAD, null);
      }
    });
  }

  /** Undeploys services (newest first), flushes Kafka producers, leaves the cluster, stops the infrastructure. */
  public synchronized void stop() {
    while (!deployments.isEmpty()) {
      String id = deployments.pop();
      bounded("undeploy " + id, vertx.undeploy(id));
    }
    if (checks != null) {
      bounded("close dependency checks", checks.close());
      checks = null;
    }
    if (vertx != null) {
      bounded("close vert.x", vertx.close());
      vertx = null;
    }
    if (infra != null) {
      infra.close();
      infra = null;
    }
  }

  private static void bounded(String step, Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(STOP_STEP_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("shutdown: {} did not finish cleanly: {}", step, e.toString());
    }
  }
}
