package com.medcontracthub.opportunities.reports;

import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.blob.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's pipeline reports: the weekly one of a week (made once, however many users and runs ask for it) and one made
 * when a user asks. A report is a PDF ({@link ReportPdf}, rendered on a worker thread) kept in the blob store, and a
 * row naming it.
 */
public final class PipelineReports {

  /** The most opportunities a report lists (the counts at each stage still count them all). */
  static final int MAX_ENTRIES = 2_000;
  static final int MAX_LISTED = 100;
  static final String PATH = "/api/v1/reports/";

  private final Vertx vertx;
  private final ReportStore store;
  private final BlobStore blobs;

  public PipelineReports(Vertx vertx, Pool pool, BlobStore blobs) {
    this.vertx = vertx;
    this.store = new ReportStore(pool);
    this.blobs = blobs;
  }

  /** Where a report's file is downloaded, on the gateway. */
  public static String filePath(UUID id) {
    return PATH + id + "/file";
  }

  /** The tenant's report of the week starting on the Monday {@code week}: the one made already, or a new one. */
  public Future<PipelineReport> weekly(UUID tenant, LocalDate week) {
    return store.weekly(tenant, week).compose(made -> made.isPresent() ? Future.succeededFuture(made.get())
        : make(tenant, week, null, UUID.nameUUIDFromBytes((tenant + ":" + week).getBytes(StandardCharsets.UTF_8))));
  }

  /** A report of the caller's tenant's pipeline as it is now. */
  public Future<JsonObject> now(Principal by) {
    return make(by.tenantId(), null, by.userId(), UUID.randomUUID()).map(PipelineReport::toJson);
  }

  public Future<JsonArray> list(UUID tenant) {
    return store.list(tenant, MAX_LISTED);
  }

  /** A report of the tenant's: its file's blob and name for a download. */
  public Future<Optional<JsonObject>> file(UUID tenant, UUID id) {
    return store.get(tenant, id).map(found -> found.map(report -> new JsonObject().put("blob", report.blob())
        .put("name", report.fileName())));
  }

  /** The name a report's file is given: its week, or the day it was made. */
  static String fileName(LocalDate week, Instant madeAt) {
    return "pipeline-report-" + (week != null ? week : LocalDate.ofInstant(madeAt, ZoneOffset.UTC)) + ".pdf";
  }

  private Future<PipelineReport> make(UUID tenant, LocalDate week, UUID by, UUID id) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return store.snapshot(tenant, week, now, MAX_ENTRIES)
        .compose(snapshot -> vertx.executeBlocking(() -> ReportPdf.render(snapshot), false)
            .compose(pdf -> blobs.store(Buffer.buffer(pdf)))
            .compose(blob -> store.insert(tenant, new PipelineReport(id, week, blob.sha256(), blob.bytes(),
                snapshot.entries().size(), by, now))));
  }
}
