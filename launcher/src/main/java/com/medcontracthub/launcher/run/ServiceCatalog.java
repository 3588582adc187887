package com.medcontracthub.launcher.run;

import com.medcontracthub.gateway.GatewayVerticle;
import com.medcontracthub.opportunities.OpportunitiesVerticle;
import com.medcontracthub.opportunities.comments.CommentsVerticle;
import com.medcontracthub.opportunities.identity.IdentityVerticle;
import com.medcontracthub.opportunities.ingest.ImportVerticle;
import com.medcontracthub.opportunities.notifications.NotificationsVerticle;
import com.medcontracthub.opportunities.pipeline.PipelineVerticle;
import com.medcontracthub.opportunities.saved.SavedSearchesVerticle;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.outbox.OutboxRelayVerticle;
import com.medcontracthub.realtime.RealtimeVerticle;
import com.medcontracthub.realtime.TcpBridgeVerticle;
import io.vertx.core.Deployable;
import io.vertx.ext.healthchecks.HealthChecks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** The services a JVM can run, by the name used in {@code services} and {@code --services}. */
final class ServiceCatalog {

  private static final Map<String, BiFunction<MchConfig, HealthChecks, List<Deployable>>> SERVICES = new TreeMap<>(Map.of(
      "gateway", (config, health) -> List.of(new GatewayVerticle(config, health)),
      "opportunities", (config, health) -> List.of(new OpportunitiesVerticle(config), new IdentityVerticle(config),
          new SavedSearchesVerticle(config), new PipelineVerticle(config), new NotificationsVerticle(config),
          new ImportVerticle(config), new CommentsVerticle(config), new OutboxRelayVerticle(config)),
      "realtime", (config, health) -> List.of(new RealtimeVerticle(config), new TcpBridgeVerticle(config))));

  private ServiceCatalog() {
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

  /** The verticles that make up the service, in the order to deploy them. */
  static List<Deployable> create(String service, MchConfig config, HealthChecks health) {
    return SERVICES.get(service).apply(config, health);
  }
}
