package com.medcontracthub.opportunities;

import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.correlationId;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.jobs.JobProgress;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports files that tenant admins uploaded through the gateway (stored in the blob store), one at a time per JVM on
 * its own worker thread: the parser reads a stream and waits on each batch, so it never runs on an event loop. The
 * admin sees its progress live (a job on {@code mch.job.events}).
 */
public final class ImportVerticle extends ServiceVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(ImportVerticle.class);
  private static final Set<String> FIELDS = Set.of("blob", "bytes");
  private static final long LOG_EVERY_RECORDS = 10_000;
  private static final String SOURCE = "opportunities";
  /** The job's name in its progress events. */
  static final String JOB = "opportunities.import";

  private WorkerExecutor worker;

  public ImportVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    worker = vertx.createSharedWorkerExecutor("mch-import", 1, config.imports().timeoutMs(), TimeUnit.MILLISECONDS);
    BlobStore blobs = new BlobStore(vertx, config.blobs().dir());
    Importer importer = new Importer(new OpportunityStore(pool()));
    return serve(vertx, Addresses.OPPORTUNITIES_IMPORT, m -> {
      if (!principal(m).admin()) {
        throw new Refusal(403, "only a tenant admin may import opportunities");
      }
      Path file = file(blobs, body(m, FIELDS));
      Principal admin = principal(m);
      String correlationId = correlationId(m);
      return worker.executeBlocking(() -> run(importer, file, admin, correlationId));
    });
  }

  private static Path file(BlobStore blobs, JsonObject body) {
    try {
      return blobs.path(body.getString("blob"));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new Refusal(400, "blob: expected the SHA-256 of an uploaded file");
    }
  }

  /** The import report, with the id of the job whose progress the admin saw live. */
  private JsonObject run(Importer importer, Path file, Principal admin, String correlationId) throws Exception {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new Refusal(404, "no uploaded file " + file.getFileName() + " (the blob store is not shared with the gateway?)");
    }
    JobProgress progress = new JobProgress(vertx, SOURCE, JOB, admin, correlationId, size);
    progress.started();
    long[] seen = {0, 0};
    long[] nextLog = {LOG_EVERY_RECORDS};
    try (InputStream in = Files.newInputStream(file)) {
      Importer.Report report = importer.run(in, correlationId, (records, bytesRead) -> {
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
    } catch (Exception e) {
      progress.failed(seen[0], seen[1], e.getMessage());
      throw e;
    }
  }

  @Override
  public Future<?> stop() {
    return Future.join(worker == null ? Future.succeededFuture() : worker.close(), super.stop());
  }
}
