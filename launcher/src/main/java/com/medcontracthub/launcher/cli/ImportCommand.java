package com.medcontracthub.launcher.cli;

import com.medcontracthub.launcher.run.Database;
import com.medcontracthub.launcher.run.ImportProgress;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.ingest.MalformedFileException;
import com.medcontracthub.opportunities.store.OpportunityStore;
import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import SAM.gov opportunities: a search response of the Opportunities API v2 or JSON lines.",
        "Upserts by noticeId, links amendments, and reports inserted/updated/unchanged/rejected.",
        "A file that is not JSON all through is refused (exit status 1, naming the line and column) before anything "
            + "is written."})
public final class ImportCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions options;

  @Parameters(paramLabel = "FILE", description = "The file to import (read as a stream; any size).")
  Path file;

  @Option(names = "--json", description = "Print the whole report as JSON, every rejection included.")
  boolean json;

  @Override
  public Integer call() {
    if (!Files.isReadable(file)) {
      return ConfigOptions.failed("cannot read " + file);
    }
    return options.run("embedded", config -> {
      // read twice (checked whole, then imported): a pipe (mch import <(zcat f.gz)) is kept in a file first
      Path readable = Files.isRegularFile(file) ? file : Files.createTempFile("mch-import-", ".json");
      try (Database db = Database.open(config)) {
        if (readable != file) {
          Files.copy(file, readable, StandardCopyOption.REPLACE_EXISTING);
        }
        return importFile(db, readable);
      } finally {
        if (readable != file) {
          Files.deleteIfExists(readable);
        }
      }
    });
  }

  private int importFile(Database db, Path readable) throws Exception {
    ImportProgress progress = new ImportProgress(System.err, Files.size(readable), 0);
    Importer.Report report;
    try {
      report = new Importer(new OpportunityStore(db.pool())).run(
          () -> new BufferedInputStream(Files.newInputStream(readable)), UUID.randomUUID().toString(), progress);
    } catch (MalformedFileException e) {
      progress.finish();
      return ConfigOptions.failed(file + ": " + e.getMessage() + "; nothing was imported");
    }
    progress.finish();
    ImportReports.print(report, json, System.out);
    return 0;
  }
}
