package com.medcontracthub.launcher;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The cluster the document and AI scenarios run on the test infrastructure: the edge (gateway, identity, opportunities,
 * documents, realtime) in one JVM, the OCR and AI services (one engine, an index of their own) in another, and a new
 * tenant whose admin signs in with {@link #PASSWORD}.
 */
record DocumentCluster(UUID tenant, MchProcess edge, MchProcess workers, GatewayClient gateway) {

  static final String PASSWORD = "secret";

  static DocumentCluster start(Vertx vertx, ClusterJvms cluster, String tenantName, String admin) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    UUID tenant = tenant(vertx, tenantName, admin);
    MchProcess edge = cluster.start(0, "--services=gateway,identity,opportunities,documents,realtime", "--set",
        "gateway.port=0");
    MchProcess workers = cluster.start(1, "--services=ocr,ai", "--set", "ocr.engines=1", "--set",
        "ai.dir=" + Files.createTempDirectory("mch-ai-it-"));
    GatewayClient gateway = new GatewayClient(vertx, edge.ready().get(3, TimeUnit.MINUTES));
    workers.ready().get(3, TimeUnit.MINUTES);
    return new DocumentCluster(tenant, edge, workers, gateway);
  }

  /** A new tenant whose admin signs in with {@link #PASSWORD}. */
  static UUID tenant(Vertx vertx, String name, String admin) {
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    Pool pool = PgPools.create(vertx, config);
    return new Accounts(vertx, new IdentityStore(pool)).createTenant(name, admin, PASSWORD, "test")
        .eventually(pool::close).await();
  }
}
