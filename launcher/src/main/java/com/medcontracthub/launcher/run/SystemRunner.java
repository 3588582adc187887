package com.medcontracthub.launcher.run;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.embedded.EmbeddedInfrastructure;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.Schema;
import com.medcontracthub.platform.health.DependencyChecks;
import com.medcontracthub.platform.kafka.KafkaBridgeVerticle;
import com.medcontracthub.platform.logging.Logging;
import com.medcontracthub.platform.management.ManagementVerticle;
import com.medcontracthub.platform.flags.FlagsVerticle;
import com.medcontracthub.platform.node.NodeHealthVerticle;
import com.medcontracthub.platform.node.VertxFactory;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
      if (config.embeddedProfile()) {
        infra = EmbeddedSettings.start(config, fresh, console);
        config = config.with(infra.settings(), "embedded infrastructure");
      }
      long t0 = System.nanoTime();
      vertx = VertxFactory.create(config, clustered).await();
      console.started(clustered ? "cluster" : "vert.x", clustered ? "joined " + config.cluster().members() : "local event bus",
          since(t0));
      checks = DependencyChecks.create(vertx, config);
      checks.serving(false);
      checks.verifyReachable(config.health().startupWaitMs()).await();
      migrate(config);
      if (config.embeddedProfile()) {
        demoLogins = DemoData.write(config, console);
      }

      String nodeId = UUID.randomUUID().toString();
      MchConfig nodeConfig = config;
      deploy("node", new ServiceCatalog.Deployment(
          () -> new NodeHealthVerticle(nodeId, nodeConfig.services(), checks.healthChecks()), 1, "id " + nodeId));
      deploy("flags", new ServiceCatalog.Deployment(() -> new FlagsVerticle(nodeConfig), 1,
          "read every " + config.flags().refreshMs() + " ms"));
      long t1 = System.nanoTime();
      ManagementVerticle management = new ManagementVerticle(config.management(), checks.healthChecks());
      deployments.push(vertx.deployVerticle(management).await());
      console.started("management", "http://" + config.management().host() + ":" + management.port()
          + " (/metrics, /health/*)", since(t1));
      deploy("kafka-bridge", new ServiceCatalog.Deployment(() -> new KafkaBridgeVerticle(nodeConfig), 1,
          config.bridge().inbound().size() + " inbound, " + config.bridge().outbound().size() + " outbound mappings"));
      MchConfig services = deployServices(config);
      checks.serving(true);
      demoLogins.forEach(console::line);
      console.line(services.services().contains("gateway")
          ? "MedContractHub ready: http://localhost:" + services.gateway().port()
          : "MedContractHub node ready: " + String.join(", ", config.services()));
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /** Deploys the services, undoing and starting them again when a port chosen for them was taken meanwhile. */
  private MchConfig deployServices(MchConfig config) {
    int deployedBefore = deployments.size();
    return new ChosenPorts(Ports::free).start(config, services -> {
      for (String service : services.services()) {
        for (ServiceCatalog.Deployment part : ServiceCatalog.deployments(service, services, checks.healthChecks())) {
          deploy(service, part);
        }
      }
    }, () -> {
      while (deployments.size() > deployedBefore) {
        vertx.undeploy(deployments.pop()).await();
      }
    });
  }

  /** The schemas of the services this JVM runs (every schema in the embedded profile, whose demo data spans them). */
  private void migrate(MchConfig config) {
    long t0 = System.nanoTime();
    Migrations.Outcome outcome = Migrations.apply(config.postgres().uri(),
        config.embeddedProfile() ? EnumSet.allOf(Schema.class) : ServiceCatalog.schemas(config.services()));
    console.started("migrations", outcome.applied() + " applied, schema version " + outcome.schemaVersion(), since(t0));
  }

  private void deploy(String name, ServiceCatalog.Deployment deployment) {
    long t0 = System.nanoTime();
    AtomicReference<Deployable> made = new AtomicReference<>();
    deployments.push(vertx.deployVerticle(() -> {
      Deployable verticle = deployment.factory().get();
      made.set(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(deployment.instances())).await());
    console.started(name, deployment.shown() != null ? deployment.shown() : made.get().getClass().getSimpleName(),
        since(t0));
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
    if (checks != null) {
      checks.serving(false);
    }
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
