package com.medcontracthub.launcher.run;

import com.medcontracthub.opportunities.demo.DemoOpportunities;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The embedded profile's first start writes demo opportunities, so a new system has something to show. */
final class DemoData {

  static final int OPPORTUNITIES = 2_000;
  private static final long SEED = 1;

  private DemoData() {
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
