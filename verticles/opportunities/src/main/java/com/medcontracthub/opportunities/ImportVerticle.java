package com.medcontracthub.opportunities;

import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.correlationId;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.ingest.UploadedImport;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Imports files that tenant admins uploaded through the gateway (stored in the blob store), one at a time per JVM on
 * its own worker thread: the parser reads a stream and waits on each batch, so it never runs on an event loop. The
 * admin sees its progress live (a job on {@code mch.job.events}).
 */
public final class ImportVerticle extends ServiceVerticle {

  private static final Set<String> FIELDS = Set.of("blob", "bytes");

  private WorkerExecutor worker;

  public ImportVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    worker = vertx.createSharedWorkerExecutor("mch-import", 1, config.imports().timeoutMs(), TimeUnit.MILLISECONDS);
    BlobStore blobs = BlobStore.of(vertx, config);
    UploadedImport uploads = new UploadedImport(vertx, new Importer(new OpportunityStore(pool())));
    return serve(vertx, Addresses.OPPORTUNITIES_IMPORT, m -> {
      if (!principal(m).admin()) {
        throw new Refusal(403, "only a tenant admin may import opportunities");
      }
      Object blob = body(m, FIELDS).getValue("blob");
      Principal admin = principal(m);
      String correlationId = correlationId(m);
      return blobs.withLocalFile(blob instanceof String name ? name : null,
              file -> worker.executeBlocking(() -> uploads.run(file, admin, correlationId)))
          .recover(e -> Future.failedFuture(e instanceof IllegalArgumentException
              ? new Refusal(400, "blob: expected the SHA-256 of an uploaded file") : e));
    });
  }

  @Override
  public Future<?> stop() {
    return Future.join(worker == null ? Future.succeededFuture() : worker.close(), super.stop());
  }
}
