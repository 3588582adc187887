package com.medcontracthub.opportunities.ingest;

import com.medcontracthub.opportunities.metrics.OpportunityKpis;
import com.medcontracthub.opportunities.store.Opportunity;
import com.medcontracthub.opportunities.store.OpportunityStore.BatchOutcome;
import com.medcontracthub.opportunities.store.OpportunityStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Imports a SAM.gov file: reads it as a stream, validates each record, and upserts accepted ones in batches. One bad
 * record is rejected with its reason and never stops the others; a file that is not JSON all through is refused
 * before anything is written ({@link MalformedFileException}, saying where). Blocking: run it on a command's main
 * thread or a worker.
 */
public final class Importer {

  static final int BATCH_SIZE = 500;
  /** The report lists this many rejections in full and counts the rest. */
  static final int LISTED_REJECTIONS = 1_000;
  private static final long BATCH_TIMEOUT_SECONDS = 120;
  /** After this many rows written, the import refreshes the table's planner statistics. */
  static final int BULK_CHANGE = 10_000;

  /** Told after every batch. */
  @FunctionalInterface
  public interface Progress {
    void update(long records, long bytesRead);
  }

  /** A file, opened twice: once to check that all of it reads, once to import it. */
  @FunctionalInterface
  public interface FileSource {
    InputStream open() throws IOException;
  }

  /** @param record the record's position in the file, from 1 */
  public record Rejection(long record, String noticeId, String reason) {
  }

  public record Report(long records, int inserted, int updated, int unchanged, int amendmentsLinked, int rejected,
      List<Rejection> rejections) {

    public JsonObject toJson() {
      JsonArray listed = new JsonArray();
      rejections.forEach(r -> listed.add(new JsonObject().put("record", r.record()).put("noticeId", r.noticeId())
          .put("reason", r.reason())));
      return new JsonObject().put("records", records).put("inserted", inserted).put("updated", updated)
          .put("unchanged", unchanged).put("amendmentsLinked", amendmentsLinked).put("rejected", rejected)
          .put("rejections", listed);
    }
  }

  private final OpportunityStore store;

  public Importer(OpportunityStore store) {
    this.store = store;
    // every outcome from zero: a dashboard reads a rate of 0 before the first import, not nothing
    OpportunityKpis.imported(0, 0, 0, 0);
  }

  /**
   * Imports a file (a SAM.gov search response or JSON lines) once all of it has been read as one: a file that stops
   * being JSON anywhere writes nothing.
   */
  public Report run(FileSource file, String correlationId, Progress progress) throws IOException {
    try (OpportunityFileReader check = new OpportunityFileReader(file.open())) {
      check.readToEnd();
    }
    try (OpportunityFileReader reader = new OpportunityFileReader(file.open())) {
      return run(reader, correlationId, progress);
    } catch (MalformedFileException e) {
      throw new IOException("the file changed while it was imported (" + e.getMessage() + "); the records before that "
          + "point were written", e);
    }
  }

  /** Imports records from any source of raw SAM.gov records (a file, the demo generator). */
  public Report run(RecordSource source, String correlationId, Progress progress) throws IOException {
    Tally tally = new Tally();
    List<Opportunity> batch = new ArrayList<>(BATCH_SIZE);
    for (Map<String, Object> raw = source.next(); raw != null; raw = source.next()) {
      tally.records++;
      SamRecords.Parsed parsed = SamRecords.parse(raw);
      if (parsed instanceof SamRecords.Accepted accepted) {
        batch.add(accepted.opportunity());
      } else if (parsed instanceof SamRecords.Rejected rejected) {
        tally.reject(new Rejection(tally.records, rejected.noticeId(), rejected.reason()));
      }
      if (batch.size() == BATCH_SIZE) {
        tally.add(write(batch, correlationId));
        batch.clear();
        progress.update(tally.records, source.bytesRead());
      }
    }
    tally.add(write(batch, correlationId));
    if (tally.inserted + tally.updated >= BULK_CHANGE) {
      await(store.analyze(), "refreshing planner statistics");
    }
    progress.update(tally.records, source.bytesRead());
    OpportunityKpis.imported(tally.inserted, tally.updated, tally.unchanged, tally.rejected);
    return tally.report();
  }

  private BatchOutcome write(List<Opportunity> batch, String correlationId) throws IOException {
    return await(store.upsert(List.copyOf(batch), correlationId), "writing a batch of " + batch.size() + " opportunities");
  }

  private static <T> T await(Future<T> future, String what) throws IOException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + " interrupted", e);
    } catch (Exception e) {
      throw new IOException(what + " failed: " + e.getMessage(), e);
    }
  }

  private static final class Tally {
    long records;
    int inserted;
    int updated;
    int unchanged;
    int linked;
    int rejected;
    final List<Rejection> rejections = new ArrayList<>();

    void add(BatchOutcome outcome) {
      inserted += outcome.inserted();
      updated += outcome.updated();
      unchanged += outcome.unchanged();
      linked += outcome.amendmentsLinked();
    }

    void reject(Rejection rejection) {
      rejected++;
      if (rejections.size() < LISTED_REJECTIONS) {
        rejections.add(rejection);
      }
    }

    Report report() {
      return new Report(records, inserted, updated, unchanged, linked, rejected, List.copyOf(rejections));
    }
  }
}
