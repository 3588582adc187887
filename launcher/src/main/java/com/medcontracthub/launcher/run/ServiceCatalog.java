package com.medcontracthub.launcher.run;

import com.medcontracthub.ai.AiVerticle;
import com.medcontracthub.analytics.AnalyticsVerticle;
import com.medcontracthub.analytics.ReconcileVerticle;
import com.medcontracthub.documents.DocumentSagaVerticle;
import com.medcontracthub.documents.DocumentsVerticle;
import com.medcontracthub.documents.upload.DocumentsMount;
import com.medcontracthub.gateway.GatewayVerticle;
import com.medcontracthub.identity.IdentityVerticle;
import com.medcontracthub.ocr.OcrVerticle;
import com.medcontracthub.opportunities.AlertsVerticle;
import com.medcontracthub.opportunities.BackfillsVerticle;
import com.medcontracthub.opportunities.ImportVerticle;
import com.medcontracthub.opportunities.NotificationsVerticle;
import com.medcontracthub.opportunities.OpportunitiesVerticle;
import com.medcontracthub.opportunities.PipelineVerticle;
import com.medcontracthub.opportunities.ReportsVerticle;
import com.medcontracthub.opportunities.SavedSearchesVerticle;
import com.medcontracthub.opportunities.alerts.UnsubscribeMount;
import com.medcontracthub.opportunities.reports.ReportFileMount;
import com.medcontracthub.opportunities.upload.ImportMount;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Schema;
import com.medcontracthub.platform.http.GatewayMount;
import com.medcontracthub.platform.outbox.OutboxRelayVerticle;
import com.medcontracthub.realtime.CommentsVerticle;
import com.medcontracthub.realtime.RealtimeVerticle;
import com.medcontracthub.realtime.TcpBridgeVerticle;
import com.medcontracthub.realtime.bridge.SockJsMount;
import com.medcontracthub.worker.WorkerVerticle;
import io.vertx.core.Deployable;
import io.vertx.ext.healthchecks.HealthChecks;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The services a JVM can run, by the name used in {@code services} and {@code --services}: each service's verticles
 * and the routes it mounts on the gateway. Adding a service is adding its entry here.
 */
public final class ServiceCatalog {

  /**
   * What a JVM deploys for a service: a verticle, in {@code instances} instances, and what the console says of it
   * (null: the verticle's name).
   */
  record Deployment(Supplier<Deployable> factory, int instances, String shown) {

    static Deployment one(Supplier<Deployable> factory) {
      return new Deployment(factory, 1, null);
    }
  }

  /** What the catalog needs to make a service's deployments. */
  record Context(MchConfig config, HealthChecks health) {
  }

  /** A service: its deployments, the routes it mounts on the gateway, and the database schema it owns (null: none). */
  private record Service(Function<Context, List<Deployment>> deployments, List<GatewayMount.Factory> gatewayMounts,
      Schema schema) {
  }

  private static final Map<String, Service> SERVICES = new TreeMap<>(Map.of(
      "gateway", new Service(ServiceCatalog::gateway, List.of(), null),
      "identity", new Service(c -> List.of(Deployment.one(() -> new IdentityVerticle(c.config()))), List.of(),
          Schema.IDENTITY),
      "opportunities", new Service(c -> List.of(
          Deployment.one(() -> new OpportunitiesVerticle(c.config())),
          Deployment.one(() -> new SavedSearchesVerticle(c.config())),
          Deployment.one(() -> new PipelineVerticle(c.config())),
          Deployment.one(() -> new NotificationsVerticle(c.config())),
          Deployment.one(() -> new ImportVerticle(c.config())),
          Deployment.one(() -> new OutboxRelayVerticle(c.config())),
          Deployment.one(() -> new AlertsVerticle(c.config())),
          Deployment.one(() -> new ReportsVerticle(c.config())),
          Deployment.one(() -> new BackfillsVerticle(c.config()))),
          List.of(ImportMount.FACTORY, UnsubscribeMount.FACTORY, ReportFileMount.FACTORY), Schema.OPPORTUNITIES),
      "realtime", new Service(c -> List.of(
          Deployment.one(() -> new RealtimeVerticle(c.config())),
          Deployment.one(() -> new CommentsVerticle(c.config())),
          new Deployment(() -> new TcpBridgeVerticle(c.config()), 1,
              "TCP event-bus bridge on port " + c.config().realtime().tcpPort())),
          List.of(SockJsMount.FACTORY), Schema.REALTIME),
      "worker", new Service(c -> List.of(Deployment.one(() -> new WorkerVerticle(c.config()))), List.of(), null),
      "documents", new Service(c -> List.of(
          Deployment.one(() -> new DocumentsVerticle(c.config())),
          Deployment.one(() -> new DocumentSagaVerticle(c.config())),
          Deployment.one(() -> new OutboxRelayVerticle(c.config()))),
          List.of(DocumentsMount.FACTORY), Schema.DOCUMENTS),
      "ocr", new Service(c -> List.of(new Deployment(() -> new OcrVerticle(c.config()), 1,
          c.config().ocr().engines() + " Tesseract engines")), List.of(), null),
      MchConfig.Analytics.SERVICE, new Service(c -> List.of(new Deployment(() -> new AnalyticsVerticle(c.config()), 1,
          c.config().analytics().store() + " store"), Deployment.one(() -> new ReconcileVerticle(c.config()))),
          List.of(), null),
      MchConfig.Ai.SERVICE, new Service(c -> List.of(new Deployment(() -> new AiVerticle(c.config(), c.health()), 1,
          MchConfig.Ai.WEAVIATE.equals(c.config().ai().store()) ? "Weaviate at " + c.config().ai().weaviateUrl()
              : "embedded index in " + c.config().ai().dir())), List.of(), Schema.AI)));

  private ServiceCatalog() {
  }

  /** One instance per {@code gateway.instances}, each serving the routes every service of the system mounts. */
  private static List<Deployment> gateway(Context c) {
    List<GatewayMount.Factory> mounts = SERVICES.values().stream().flatMap(s -> s.gatewayMounts().stream()).toList();
    MchConfig config = c.config();
    return List.of(new Deployment(() -> new GatewayVerticle(config, c.health(), mounts), config.gateway().instances(),
        "http://localhost:" + config.gateway().port() + " (" + config.gateway().instances() + " instances)"));
  }

  /** The services there are, by name. */
  public static Set<String> names() {
    return SERVICES.keySet();
  }

  static void validate(List<String> services) {
    if (services.isEmpty()) {
      throw new ConfigException("services: none selected; expected one or more of " + String.join(", ", SERVICES.keySet()));
    }
    for (String service : services) {
      if (!SERVICES.containsKey(service)) {
        throw new ConfigException("services: unknown service '" + service + "'; known services: "
            + String.join(", ", SERVICES.keySet()));
      }
    }
  }

  /** The platform's schema and those the services own. */
  static Set<Schema> schemas(List<String> services) {
    Set<Schema> schemas = EnumSet.of(Schema.PLATFORM);
    services.stream().map(name -> SERVICES.get(name).schema()).filter(Objects::nonNull).forEach(schemas::add);
    return schemas;
  }

  /** What makes up the service, in the order to deploy it. */
  static List<Deployment> deployments(String service, MchConfig config, HealthChecks health) {
    return SERVICES.get(service).deployments().apply(new Context(config, health));
  }
}
