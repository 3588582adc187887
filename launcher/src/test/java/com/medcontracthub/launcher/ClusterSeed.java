package com.medcontracthub.launcher;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the cluster tests start from, written straight to the test infrastructure's PostgreSQL before any JVM starts:
 * a tenant with its admin, and SAM.gov notices imported as the import would (their events go through the outbox).
 */
final class ClusterSeed {

  private ClusterSeed() {
  }

  /** The configuration of a cluster JVM over the test infrastructure. */
  static MchConfig config(Vertx vertx) {
    return ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of()).await();
  }

  /** A pool on the test infrastructure's PostgreSQL, as the services make it. */
  static Pool pool(Vertx vertx) {
    return PgPools.create(vertx, config(vertx));
  }

  /** A tenant named {@code tenant} whose admin is {@code admin} (password {@code password}), and the notices. */
  static UUID tenantWithNotices(Vertx vertx, String tenant, String admin, String password, List<JsonObject> notices)
      throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    Pool pool = pool(vertx);
    byte[] records = notices.stream().map(JsonObject::encode).collect(Collectors.joining("\n"))
        .getBytes(StandardCharsets.UTF_8);
    return new Accounts(vertx, new IdentityStore(pool)).createTenant(tenant, admin, password, "test")
        .compose(id -> vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(
            () -> new ByteArrayInputStream(records), "test", (r, b) -> { })).map(report -> id))
        .eventually(pool::close).await();
  }

  /**
   * A notice written straight to PostgreSQL, as no service writes one: no event tells of it, so the stores derived from
   * the events lack it (a drift for reconciling to find).
   */
  static void noticeWithoutEvent(Vertx vertx, String noticeId, LocalDate posted) throws Exception {
    Pool pool = pool(vertx);
    pool.preparedQuery("INSERT INTO opportunities.opportunities (notice_id, title, posted_date, active, content_hash,"
            + " correlation_id) VALUES ($1, 'Written past the services', $2, false, 'none', 'test')")
        .execute(Tuple.of(noticeId, posted)).eventually(pool::close).await();
  }

  /** A notice as SAM.gov's files carry it, with what the importer needs. */
  static JsonObject notice(String noticeId, String title) {
    return new JsonObject().put("noticeId", noticeId).put("title", title).put("postedDate", "2024-05-01");
  }
}
