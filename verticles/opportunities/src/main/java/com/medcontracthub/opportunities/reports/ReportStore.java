package com.medcontracthub.opportunities.reports;

import static com.medcontracthub.platform.db.SqlTimes.utc;

import com.medcontracthub.opportunities.pipeline.PipelineStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A tenant's pipeline as reports read it, and the reports made of it. */
final class ReportStore {

  private final Pool pool;

  ReportStore(Pool pool) {
    this.pool = pool;
  }

  /** The tenant's pipeline now: the count at each stage and the first {@code limit} opportunities by deadline. */
  Future<PipelineSnapshot> snapshot(UUID tenant, LocalDate week, Instant now, int limit) {
    return pool.preparedQuery(ReportSql.STAGE_COUNTS).execute(Tuple.of(tenant)).compose(counted -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      PipelineStore.STAGES.forEach(stage -> counts.put(stage, 0L));
      counted.forEach(row -> counts.put(row.getString("stage"), row.getLong("entries")));
      long total = counts.values().stream().mapToLong(Long::longValue).sum();
      return pool.preparedQuery(ReportSql.ENTRIES).execute(Tuple.of(tenant, limit)).map(rows -> {
        List<PipelineSnapshot.Entry> entries = new ArrayList<>();
        rows.forEach(row -> entries.add(new PipelineSnapshot.Entry(row.getString("notice_id"), row.getString("title"),
            row.getString("agency"), row.getString("set_aside"), instant(row.getOffsetDateTime("response_deadline")),
            row.getString("stage"), instant(row.getOffsetDateTime("updated_at")))));
        return new PipelineSnapshot(week, now, counts, entries, total);
      });
    });
  }

  /** Records a report; a weekly one that another run recorded first is that one, and its file is used. */
  Future<PipelineReport> insert(UUID tenant, PipelineReport report) {
    return pool.preparedQuery(ReportSql.INSERT).execute(Tuple.from(new Object[] {report.id(), tenant, report.week(),
            report.blob(), report.bytes(), report.entries(), report.requestedBy(), report.downloadToken(),
            utc(report.createdAt())}))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(report(rows.iterator().next()))
            : weekly(tenant, report.week()).map(Optional::orElseThrow));
  }

  Future<Optional<PipelineReport>> weekly(UUID tenant, LocalDate week) {
    return pool.preparedQuery(ReportSql.WEEKLY).execute(Tuple.of(tenant, week)).map(ReportStore::first);
  }

  /** The report whose link this is: its id and download token, made after {@code since}. */
  Future<Optional<PipelineReport>> linked(UUID id, String token, Instant since) {
    return pool.preparedQuery(ReportSql.LINKED).execute(Tuple.of(id, token, utc(since))).map(ReportStore::first);
  }

  Future<Long> askedSince(UUID tenant, Instant since) {
    return pool.preparedQuery(ReportSql.ASKED_SINCE).execute(Tuple.of(tenant, utc(since)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  Future<Optional<PipelineReport>> get(UUID tenant, UUID id) {
    return pool.preparedQuery(ReportSql.GET).execute(Tuple.of(id, tenant)).map(ReportStore::first);
  }

  Future<JsonArray> list(UUID tenant, int limit) {
    return pool.preparedQuery(ReportSql.LIST).execute(Tuple.of(tenant, limit)).map(rows -> {
      JsonArray reports = new JsonArray();
      rows.forEach(row -> reports.add(report(row).toJson()));
      return reports;
    });
  }

  private static Optional<PipelineReport> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(report(rows.iterator().next()));
  }

  private static PipelineReport report(Row row) {
    return new PipelineReport(row.getUUID("id"), row.getLocalDate("week"), row.getString("blob"), row.getLong("bytes"),
        row.getInteger("entries"), row.getUUID("requested_by"), row.getString("download_token"),
        row.getOffsetDateTime("created_at").toInstant());
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

}
