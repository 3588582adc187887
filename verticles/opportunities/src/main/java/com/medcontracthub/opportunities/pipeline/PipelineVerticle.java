package com.medcontracthub.opportunities.pipeline;

import static com.medcontracthub.opportunities.bus.Consumers.body;
import static com.medcontracthub.opportunities.bus.Consumers.correlationId;
import static com.medcontracthub.opportunities.bus.Consumers.part;
import static com.medcontracthub.opportunities.bus.Consumers.principal;
import static com.medcontracthub.opportunities.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.opportunities.bus.Consumers.Principal;
import com.medcontracthub.opportunities.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.PgPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Set;

/**
 * The caller's tenant's bid pipeline on the event bus: {@code pipeline.move} with {@code {"stage",
 * "expectedVersion"}} (400 bad stage or version, 404 unknown opportunity, 409 stale version) and {@code pipeline.get}.
 */
public final class PipelineVerticle extends VerticleBase {

  private final MchConfig config;
  private Pool pool;

  public PipelineVerticle(MchConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, config);
    PipelineStore store = new PipelineStore(pool);
    return Future.all(
        serve(vertx, Addresses.PIPELINE_GET,
            m -> store.get(principal(m).tenantId(), String.valueOf(part(m, "path").getString("opportunityId")))),
        serve(vertx, Addresses.PIPELINE_MOVE, m -> {
          Principal caller = principal(m);
          JsonObject body = body(m, Set.of("stage", "expectedVersion"));
          if (!(body.getValue("stage") instanceof String stage) || !PipelineStore.STAGES.contains(stage)) {
            throw new Refusal(400, "stage: expected one of " + String.join(", ", PipelineStore.STAGES));
          }
          if (!(body.getValue("expectedVersion") instanceof Integer expected) || expected < 0) {
            throw new Refusal(400, "expectedVersion: expected the entry's current version (0 for a new entry)");
          }
          return store.move(caller.tenantId(), String.valueOf(part(m, "path").getString("opportunityId")), stage,
              expected, caller.userId(), correlationId(m));
        }));
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
