package com.medcontracthub.opportunities;

import com.medcontracthub.codecs.jobs.BackfillJob;
import com.medcontracthub.opportunities.backfill.PipelineRepublish;
import com.medcontracthub.opportunities.backfill.Republish;
import com.medcontracthub.opportunities.pipeline.PipelineStore;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.jobs.BackfillRunner;
import com.medcontracthub.platform.jobs.JobWorkers;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import java.util.Map;

/** The opportunities service's backfills ({@link BackfillJob}), run by its worker of its backfills queue. */
public final class BackfillsVerticle extends ServiceVerticle {

  private JobWorkers workers;

  public BackfillsVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    // both on the service's one backfills queue (BackfillJob.queue gives the same for each)
    return JobWorkers.start(vertx, config, jobs(), "opportunities", Map.of(
            BackfillJob.queue(BackfillJob.OPPORTUNITIES_REPUBLISH), Map.of(
                BackfillJob.OPPORTUNITIES_REPUBLISH,
                BackfillRunner.of(new Republish(new OpportunityStore(pool())), config.jobs()),
                BackfillJob.PIPELINE_REPUBLISH,
                BackfillRunner.of(new PipelineRepublish(new PipelineStore(pool())), config.jobs()))), Map.of())
        .onSuccess(started -> workers = started);
  }

  @Override
  public Future<?> stop() {
    return (workers == null ? Future.succeededFuture() : workers.stop()).eventually(super::stop);
  }
}
