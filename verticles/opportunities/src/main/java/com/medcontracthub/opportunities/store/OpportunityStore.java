package com.medcontracthub.opportunities.store;

import static com.medcontracthub.platform.db.SqlTimes.utc;

import com.medcontracthub.codecs.OpportunityChanges;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.opportunities.search.SearchQuery;
import com.medcontracthub.opportunities.store.Opportunity;
import com.medcontracthub.platform.db.DailyCountsQuery;
import com.medcontracthub.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Opportunities in PostgreSQL. */
public final class OpportunityStore {

  /** The most notices of one solicitation a notice lists besides itself (the latest ones). */
  public static final int MAX_VERSIONS = 50;

  /** One page of search results; {@code nextCursor} is null on the last page. */
  public record SearchPage(List<JsonObject> items, String nextCursor) {

    public JsonObject toJson() {
      return new JsonObject().put("items", new JsonArray(items)).put("nextCursor", nextCursor);
    }
  }

  /** What one batch did to the table. */
  public record BatchOutcome(int inserted, int updated, int unchanged, int amendmentsLinked) {
  }

  private static final String SOURCE = "opportunities";

  private final Pool pool;

  public OpportunityStore(Pool pool) {
    this.pool = pool;
  }

  /** A page of current notices matching the query, and the cursor of the next page when there is one. */
  public Future<SearchPage> search(SearchQuery query) {
    SearchSql search = new SearchSql(query);
    return pool.preparedQuery(search.sql).execute(search.params).map(rows -> {
      List<Row> found = new ArrayList<>();
      rows.forEach(found::add);
      List<Row> page = found.subList(0, Math.min(found.size(), query.limit()));
      String nextCursor = null;
      if (found.size() > query.limit()) {
        Row last = page.get(page.size() - 1);
        nextCursor = new SearchQuery.Cursor(last.getString("sort_key"), last.getString("notice_id")).encode();
      }
      return new SearchPage(page.stream().map(OpportunityJson::of).toList(), nextCursor);
    });
  }

  /**
   * The notice, superseded or not, with {@code versions}: the other notices of its solicitation, oldest first; empty
   * when there is none.
   */
  public Future<Optional<JsonObject>> get(String noticeId) {
    return pool.preparedQuery(OpportunitySql.BY_ID).execute(Tuple.of(noticeId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      JsonArray versions = new JsonArray(List.of(row.getArrayOfStrings("versions")));
      return Optional.of(OpportunityJson.of(row).put("versions", versions));
    });
  }

  /** What PostgreSQL holds, as {@link com.medcontracthub.codecs.DailyCounts}, to reconcile the stores derived from it. */
  public Future<JsonObject> dailyCounts() {
    return DailyCountsQuery.run(pool, OpportunitySql.DAILY_COUNTS);
  }

  public Future<Void> analyze() {
    return pool.query(OpportunitySql.ANALYZE).execute().mapEmpty();
  }

  public Future<Long> count() {
    return pool.query(OpportunitySql.COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** How many notices were updated since {@code since} (every notice when null). */
  public Future<Long> countUpdatedSince(Instant since) {
    return pool.preparedQuery(OpportunitySql.COUNT_UPDATED_SINCE).execute(Tuple.of(utc(since)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Publishes the next {@code size} notices after {@code after} (in notice id order; of those updated since
   * {@code since}, unless null) again, as {@code republished} events through the outbox, in one transaction: the ids
   * published, the last one the cursor of the next batch.
   */
  public Future<List<String>> republish(String after, Instant since, int size, String correlationId) {
    return pool.withTransaction(conn -> conn.preparedQuery(OpportunitySql.FACTS_AFTER)
        .execute(Tuple.of(after, utc(since), size))
        .compose(rows -> {
          List<NoticeFacts> facts = new ArrayList<>();
          rows.forEach(row -> facts.add(NoticeFacts.of(row)));
          return Outbox.appendAll(conn, Topics.OPPORTUNITY_EVENTS, facts.stream()
                  .map(notice -> changed(notice, OpportunityChanges.REPUBLISHED, correlationId)).toList())
              .map(facts.stream().map(NoticeFacts::noticeId).toList());
        }));
  }

  /**
   * Upserts the batch, links amendments of the solicitations it touched, and writes an event per changed notice to
   * the outbox, in one transaction.
   */
  public Future<BatchOutcome> upsert(List<Opportunity> batch, String correlationId) {
    if (batch.isEmpty()) {
      return Future.succeededFuture(new BatchOutcome(0, 0, 0, 0));
    }
    List<Tuple> tuples = batch.stream().map(o -> tuple(o, correlationId)).toList();
    String[] solicitations = batch.stream().map(Opportunity::solicitationNumber).filter(Objects::nonNull)
        .distinct().toArray(String[]::new);
    return pool.withTransaction(conn -> conn.preparedQuery(OpportunitySql.UPSERT).executeBatch(tuples)
        .compose(rows -> conn.preparedQuery(OpportunitySql.LINK_AMENDMENTS).execute(Tuple.of(solicitations))
            .compose(linked -> Outbox.appendAll(conn, Topics.OPPORTUNITY_EVENTS,
                    changeEvents(batch, rows, linked, correlationId))
                .map(v -> outcome(rows, linked.rowCount())))));
  }

  /** One {@code OpportunityChanged} event per notice written or newly superseded, keyed by notice id. */
  private static List<OpportunityChanged> changeEvents(List<Opportunity> batch, RowSet<Row> upserts, RowSet<Row> linked,
      String correlationId) {
    List<OpportunityChanged> events = new ArrayList<>();
    int i = 0;
    for (RowSet<Row> rows = upserts; rows != null; rows = rows.next(), i++) {
      if (rows.size() > 0) {
        String change = rows.iterator().next().getBoolean("inserted") ? OpportunityChanges.INSERTED
            : OpportunityChanges.UPDATED;
        events.add(changed(NoticeFacts.of(batch.get(i)), change, correlationId));
      }
    }
    for (Row row : linked) {
      events.add(changed(NoticeFacts.of(row), OpportunityChanges.SUPERSEDED, correlationId));
    }
    return events;
  }

  private static OpportunityChanged changed(NoticeFacts notice, String change, String correlationId) {
    return OpportunityChanged.newBuilder()
        .setEnvelope(Events.envelope(OpportunityChanged.class, SOURCE, correlationId, null, notice.noticeId()))
        .setNoticeId(notice.noticeId())
        .setChange(change)
        .setAgency(notice.agency())
        .setNaicsCode(notice.naicsCode())
        .setSetAside(notice.setAside())
        .setPostedDate(notice.postedDate() == null ? null : notice.postedDate().toString())
        .build();
  }

  private static BatchOutcome outcome(RowSet<Row> first, int linked) {
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    for (RowSet<Row> rows = first; rows != null; rows = rows.next()) {
      if (rows.size() == 0) {
        unchanged++;
      } else if (rows.iterator().next().getBoolean("inserted")) {
        inserted++;
      } else {
        updated++;
      }
    }
    return new BatchOutcome(inserted, updated, unchanged, linked);
  }

  private static Tuple tuple(Opportunity o, String correlationId) {
    List<Object> values = new ArrayList<>(26);
    values.add(o.noticeId());
    values.add(o.title());
    values.add(o.solicitationNumber());
    values.add(o.fullParentPathName());
    values.add(o.fullParentPathCode());
    values.add(o.postedDate());
    values.add(o.type());
    values.add(o.baseType());
    values.add(o.archiveType());
    values.add(o.archiveDate());
    values.add(o.typeOfSetAside());
    values.add(o.typeOfSetAsideDescription());
    values.add(o.responseDeadline());
    values.add(o.naicsCode());
    values.add(o.naicsCodes().toArray(String[]::new));
    values.add(o.classificationCode());
    values.add(o.active());
    values.add(o.award());
    values.add(o.pointOfContact());
    values.add(o.description());
    values.add(o.officeAddress());
    values.add(o.placeOfPerformance());
    values.add(o.uiLink());
    values.add(o.resourceLinks().toArray(String[]::new));
    values.add(o.contentHash());
    values.add(correlationId);
    return Tuple.wrap(values);
  }

}
