package com.medcontracthub.launcher.run;

import com.medcontracthub.opportunities.demo.DemoOpportunities;
import com.medcontracthub.opportunities.identity.Accounts;
import com.medcontracthub.opportunities.identity.IdentityStore;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import java.io.IOException;
import java.time.Duration;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

  /** Creates the demo tenant unless it exists; returns the lines that tell the operator how to log in. */
  static List<String> ensureDemoTenant(MchConfig config) {
    try (Database db = Database.open(config)) {
      Vertx vertx = db.vertx();
      IdentityStore store = new IdentityStore(db.pool());
      Accounts accounts = new Accounts(vertx, store);
      String correlationId = UUID.randomUUID().toString();
      Future<Void> created = store.tenantByName(TENANT).compose(existing -> existing.isPresent()
          ? Future.succeededFuture()
          : accounts.createTenant(TENANT, ADMIN, PASSWORD, correlationId)
              .compose(tenant -> accounts.addUser(tenant, MEMBER, "member", PASSWORD, correlationId)).mapEmpty());
      created.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return List.of("Demo logins (tenant " + TENANT + "): " + ADMIN + " / " + PASSWORD + " (admin), "
          + MEMBER + " / " + PASSWORD + " (member)");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new ConfigException("postgres.uri: demo tenant not written: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("postgres.uri: interrupted while writing the demo tenant");
    }
  }

  static void seedIfEmpty(MchConfig config, Console console) {
    long t0 = System.nanoTime();
    try (Database db = Database.open(config)) {
      OpportunityStore store = new OpportunityStore(db.pool());
      long existing = store.count().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (existing > 0) {
        return;
      }
      Importer.Report report = new Importer(store).run(new DemoOpportunities(SEED, OPPORTUNITIES, LocalDate.now()),
          UUID.randomUUID().toString(), (records, bytes) -> { });
      console.started("demo data", report.inserted() + " opportunities", Duration.ofNanos(System.nanoTime() - t0));
    } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new ConfigException("postgres.uri: demo data not written: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("postgres.uri: interrupted while writing demo data");
    }
  }
}
