package com.medcontracthub.opportunities.backfill;

import com.medcontracthub.codecs.jobs.BackfillJob;
import com.medcontracthub.opportunities.pipeline.PipelineStore;
import com.medcontracthub.platform.jobs.Backfill;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@value BackfillJob#PIPELINE_REPUBLISH}: every pipeline move (or those made since a day) published again to
 * {@code mch.pipeline.events}, batch by batch in aggregate and version order, from the event store through the outbox,
 * each under its own event id: a consumer that has a move drops it, a new one sees every pipeline from its start. A
 * batch published twice (a worker died before its checkpoint) repeats events consumers drop.
 */
public final class PipelineRepublish implements Backfill {

  private final PipelineStore store;

  public PipelineRepublish(PipelineStore store) {
    this.store = store;
  }

  @Override
  public Future<Long> size(JsonObject params) {
    return store.countMovesSince(Republish.since(params));
  }

  @Override
  public Future<Batch> next(JsonObject params, String cursor, int size, String correlationId) {
    return store.republish(cursor, Republish.since(params), size)
        .map(moves -> new Batch(moves.size(), moves.isEmpty() ? cursor : moves.get(moves.size() - 1)));
  }
}
