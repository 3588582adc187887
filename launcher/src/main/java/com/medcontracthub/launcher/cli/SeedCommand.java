package com.medcontracthub.launcher.cli;

import com.medcontracthub.launcher.run.Database;
import com.medcontracthub.launcher.run.ImportProgress;
import com.medcontracthub.opportunities.demo.DemoOpportunities;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "seed", mixinStandardHelpOptions = true,
    description = "Write realistic SAM.gov-shaped medical-supply opportunities (VA, DLA, DHA, IHS) for demos and tests.")
public final class SeedCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions options;

  @Option(names = "--count", defaultValue = "2000", description = "How many opportunities (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed: the same seed gives the same records.")
  long seed;

  @Override
  public Integer call() {
    if (count < 1) {
      return ConfigOptions.failed("--count must be at least 1");
    }
    return options.run("embedded", config -> {
      try (Database db = Database.open(config)) {
        ImportProgress progress = new ImportProgress(System.err, 0, count);
        Importer.Report report = new Importer(new OpportunityStore(db.pool()))
            .run(new DemoOpportunities(seed, count, LocalDate.now()), UUID.randomUUID().toString(), progress);
        progress.finish();
        ImportReports.print(report, false, System.out);
        return 0;
      }
    });
  }
}
