package com.medcontracthub.opportunities.store;

import com.medcontracthub.opportunities.ingest.Opportunity;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Opportunities in PostgreSQL. */
public final class OpportunityStore {

  /** What one batch did to the table. */
  public record BatchOutcome(int inserted, int updated, int unchanged, int amendmentsLinked) {
  }

  private final Pool pool;

  public OpportunityStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Long> count() {
    return pool.query(OpportunitySql.COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** Upserts the batch and links amendments of the solicitations it touched, in one transaction. */
  public Future<BatchOutcome> upsert(List<Opportunity> batch, String correlationId) {
    if (batch.isEmpty()) {
      return Future.succeededFuture(new BatchOutcome(0, 0, 0, 0));
    }
    List<Tuple> tuples = batch.stream().map(o -> tuple(o, correlationId)).toList();
    String[] solicitations = batch.stream().map(Opportunity::solicitationNumber).filter(Objects::nonNull)
        .distinct().toArray(String[]::new);
    return pool.withTransaction(conn -> conn.preparedQuery(OpportunitySql.UPSERT).executeBatch(tuples)
        .compose(rows -> conn.preparedQuery(OpportunitySql.LINK_AMENDMENTS).execute(Tuple.of(solicitations))
            .map(linked -> outcome(rows, linked.rowCount()))));
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
