package com.medcontracthub.opportunities.backfill;

import com.medcontracthub.codecs.jobs.BackfillJob;
import com.medcontracthub.jobs.JobFailure;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.jobs.Backfill;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@value BackfillJob#OPPORTUNITIES_REPUBLISH}: every opportunity (or those updated since a day) published again to
 * {@code mch.opportunity.events}, batch by batch in notice id order, through the outbox, so a consumer that keeps its
 * own view of the notices rebuilds it. A batch published twice (a worker died before its checkpoint) only repeats
 * events that change nothing.
 */
public final class Republish implements Backfill {

  private final OpportunityStore store;

  public Republish(OpportunityStore store) {
    this.store = store;
  }

  @Override
  public Future<Long> size(JsonObject params) {
    return store.countUpdatedSince(since(params));
  }

  @Override
  public Future<Batch> next(JsonObject params, String cursor, int size, String correlationId) {
    return store.republish(cursor, since(params), size, correlationId)
        .map(ids -> new Batch(ids.size(), ids.isEmpty() ? cursor : ids.get(ids.size() - 1)));
  }

  /** The start of the day {@code params.since} (UTC), or null for all of them. */
  static Instant since(JsonObject params) {
    Object value = params.getValue(BackfillJob.SINCE);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.toString()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new JobFailure("'" + BackfillJob.SINCE + "' must be a day, YYYY-MM-DD, not " + value);
    }
  }
}
