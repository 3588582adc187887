package com.medcontracthub.launcher.cli;

import com.medcontracthub.launcher.run.Database;
import com.medcontracthub.launcher.run.ImportProgress;
import com.medcontracthub.opportunities.demo.DemoOpportunities;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
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
      System.err.println("mch: --count must be at least 1");
      return ExitCode.SOFTWARE;
    }
    try (Database db = Database.open(options.load(options.profileOr("embedded")))) {
      ImportProgress progress = new ImportProgress(System.err, 0, count);
      Importer.Report report = new Importer(new OpportunityStore(db.pool()))
          .run(new DemoOpportunities(seed, count, LocalDate.now()), UUID.randomUUID().toString(), progress);
      progress.finish();
      ImportReports.print(report, false, System.out);
      return 0;
    } catch (ConfigException | IOException e) {
      System.err.println("mch: " + e.getMessage());
      return ExitCode.SOFTWARE;
    }
  }
}
