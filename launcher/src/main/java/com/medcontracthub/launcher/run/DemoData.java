package com.medcontracthub.launcher.run;

import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.opportunities.demo.DemoOpportunities;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded profile's first start writes demo opportunities and a demo tenant with an admin and a member, so a
 * new system has something to show and someone to show it to. No other profile has default credentials.
 */
final class DemoData {

  static final int OPPORTUNITIES = 2_000;
  static final String TENANT = "demo";
  static final String ADMIN = "admin@demo.local";
  static final String MEMBER = "member@demo.local";
  static final String PASSWORD = "demo";
  private static final long SEED = 1;

  private DemoData() {
  }

  /**
   * Writes the demo opportunities into an empty table and the demo tenant unless it exists, on one connection to
   * the already migrated database; returns the lines that tell the operator how to log in.
   */
  static List<String> write(MchConfig config, Console console) {
    try (Database db = Database.connect(config)) {
      seedIfEmpty(db, console);
      ensureDemoTenant(db);
      return List.of("Demo logins (tenant " + TENANT + "): " + ADMIN + " / " + PASSWORD + " (admin), "
          + MEMBER + " / " + PASSWORD + " (member)");
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new ConfigException("postgres.uri: demo data not written: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("postgres.uri: interrupted while writing demo data");
    }
  }

  private static void seedIfEmpty(Database db, Console console)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    long t0 = System.nanoTime();
    OpportunityStore store = new OpportunityStore(db.pool());
    if (await(store.count()) > 0) {
      return;
    }
    Importer.Report report = new Importer(store).run(new DemoOpportunities(SEED, OPPORTUNITIES, LocalDate.now()),
        UUID.randomUUID().toString(), (records, bytes) -> { });
    console.started("demo data", report.inserted() + " opportunities", Duration.ofNanos(System.nanoTime() - t0));
  }

  private static void ensureDemoTenant(Database db)
      throws InterruptedException, ExecutionException, TimeoutException {
    IdentityStore store = new IdentityStore(db.pool());
    Accounts accounts = new Accounts(db.vertx(), store);
    String correlationId = UUID.randomUUID().toString();
    await(store.tenantByName(TENANT).compose(existing -> existing.isPresent()
        ? Future.succeededFuture()
        : accounts.createTenant(TENANT, ADMIN, PASSWORD, correlationId)
            .compose(tenant -> accounts.addUser(tenant, MEMBER, "member", PASSWORD, correlationId)).mapEmpty()));
  }

  private static <T> T await(Future<T> future) throws InterruptedException, ExecutionException, TimeoutException {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
