package com.medcontracthub.opportunities.reports;

import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.auth.LinkSecrets;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.bus.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's pipeline reports: the weekly one of a week (made once, however many users and runs ask for it) and one made
 * when a user asks (at most {@value #MAX_ASKED_PER_HOUR} an hour per tenant). A report is a PDF ({@link ReportPdf},
 * rendered on a worker thread) kept in the blob store, and a row naming it; the tenant's users download it, and so does
 * the link in the e-mail that carries it, for {@link #LINK_LIFETIME}.
 */
public final class PipelineReports {

  /** The most opportunities a report lists (the counts at each stage still count them all). */
  static final int MAX_ENTRIES = 2_000;
  static final int MAX_LISTED = 100;
  static final int MAX_ASKED_PER_HOUR = 10;
  static final Duration LINK_LIFETIME = Duration.ofDays(30);
  static final String PATH = "/api/v1/reports/";
  public static final String TOKEN = "token";
  private static final String NOT_FOUND = "no such report";

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

  /** The link that downloads a report without a login, under the web address {@code baseUrl}. */
  public static String link(String baseUrl, PipelineReport report) {
    return baseUrl + filePath(report.id()) + "?" + TOKEN + "="
        + URLEncoder.encode(report.downloadToken(), StandardCharsets.UTF_8);
  }

  /** The tenant's report of the week starting on the Monday {@code week}: the one made already, or a new one. */
  public Future<PipelineReport> weekly(UUID tenant, LocalDate week) {
    return store.weekly(tenant, week).compose(made -> made.isPresent() ? Future.succeededFuture(made.get())
        : make(tenant, week, null).compose(mine -> store.weekly(tenant, week).map(Optional::orElseThrow)));
  }

  /** A report of the caller's tenant's pipeline as it is now; 429 past the tenant's hourly allowance. */
  public Future<JsonObject> now(Principal by) {
    return store.askedSince(by.tenantId(), Instant.now().minus(1, ChronoUnit.HOURS)).compose(asked -> asked
            >= MAX_ASKED_PER_HOUR ? Future.failedFuture(new Refusal(429, "a tenant may ask for " + MAX_ASKED_PER_HOUR
            + " reports an hour; the weekly report and the ones made already are in the list"))
            : make(by.tenantId(), null, by.userId()))
        .map(PipelineReport::toJson);
  }

  public Future<JsonArray> list(UUID tenant) {
    return store.list(tenant, MAX_LISTED);
  }

  /**
   * A report's file for a download ({@code {"blob", "name"}}): one of the caller's tenant (a principal), or the one
   * whose e-mailed link this is (its token, within the link's lifetime); 404 otherwise.
   */
  public Future<JsonObject> file(UUID id, Principal caller, String token) {
    Future<Optional<PipelineReport>> found = id == null ? Future.succeededFuture(Optional.empty())
        : caller != null ? store.get(caller.tenantId(), id)
        : token != null ? store.linked(id, token, Instant.now().minus(LINK_LIFETIME))
        : Future.succeededFuture(Optional.empty());
    return found.compose(report -> report.map(r -> Future.succeededFuture(new JsonObject().put("blob", r.blob())
            .put("name", r.fileName())))
        .orElseGet(() -> Future.failedFuture(new Refusal(404, NOT_FOUND))));
  }

  /** The name a report's file is given: its week, or the day it was made. */
  static String fileName(LocalDate week, Instant madeAt) {
    return "pipeline-report-" + (week != null ? week : LocalDate.ofInstant(madeAt, ZoneOffset.UTC)) + ".pdf";
  }

  /** A report of the tenant's pipeline now; a weekly one another run made first is kept instead (this one dropped). */
  private Future<PipelineReport> make(UUID tenant, LocalDate week, UUID by) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return store.snapshot(tenant, week, now, MAX_ENTRIES)
        .compose(snapshot -> vertx.executeBlocking(() -> ReportPdf.render(snapshot), false)
            .compose(pdf -> blobs.store(Buffer.buffer(pdf)))
            .compose(blob -> store.insert(tenant, new PipelineReport(UUID.randomUUID(), week, blob.sha256(), blob.bytes(),
                snapshot.entries().size(), by, LinkSecrets.next(), now))));
  }
}
