package com.medcontracthub.opportunities.ingest;

import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.jobs.JobProgress;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upload a tenant admin stored, imported as a job whose progress the admin sees live ({@code mch.job.events}).
 * Blocking: the parser reads a stream and waits on each batch, so it runs on a worker thread.
 */
public final class UploadedImport {

  private static final Logger LOG = LoggerFactory.getLogger(UploadedImport.class);
  private static final long LOG_EVERY_RECORDS = 10_000;
  private static final String SOURCE = "opportunities";
  /** The job's name in its progress events. */
  private static final String JOB = "opportunities.import";

  private final Vertx vertx;
  private final Importer importer;

  public UploadedImport(Vertx vertx, Importer importer) {
    this.vertx = vertx;
    this.importer = importer;
  }

  /** The import report, with the id of the job whose progress the admin saw live; 404 when the file is not there. */
  public JsonObject run(Path file, Principal admin, String correlationId) throws Exception {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new Refusal(404, "no uploaded file " + file.getFileName()
          + " (the blob store is not shared with the gateway?)");
    }
    JobProgress progress = new JobProgress(vertx, SOURCE, JOB, admin, correlationId, size);
    progress.started();
    long[] seen = {0, 0};
    long[] nextLog = {LOG_EVERY_RECORDS};
    try {
      Importer.Report report = importer.run(() -> Files.newInputStream(file), correlationId, (records, bytesRead) -> {
        seen[0] = records;
        seen[1] = bytesRead;
        progress.running(records, bytesRead);
        if (records >= nextLog[0]) {
          nextLog[0] += LOG_EVERY_RECORDS;
          LOG.info("import: {} records, {} of {} bytes", records, bytesRead, size);
        }
      });
      LOG.info("import: {} records, {} inserted, {} updated, {} unchanged, {} rejected", report.records(),
          report.inserted(), report.updated(), report.unchanged(), report.rejected());
      JsonObject outcome = report.toJson().put("jobId", progress.jobId());
      progress.finished(report.records(), size, outcome);
      return outcome;
    } catch (MalformedFileException e) {
      progress.failed(0, 0, e.getMessage());
      throw new Refusal(400, e.getMessage() + "; nothing was imported");
    } catch (Exception e) {
      progress.failed(seen[0], seen[1], e.getMessage());
      throw e;
    }
  }
}
