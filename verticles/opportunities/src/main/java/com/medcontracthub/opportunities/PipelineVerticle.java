package com.medcontracthub.opportunities;

import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.correlationId;
import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.opportunities.api.PipelineSchemas;
import com.medcontracthub.opportunities.pipeline.PipelineStore;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The caller's tenant's bid pipeline on the event bus: {@code pipeline.move} with {@code {"stage",
 * "expectedVersion"}} (400 bad stage or version, 404 unknown opportunity, 409 stale version), {@code pipeline.get} and
 * {@code pipeline.list} (the board).
 */
public final class PipelineVerticle extends ServiceVerticle {

  public PipelineVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    PipelineStore store = new PipelineStore(pool());
    return Future.all(
        serve(vertx, Addresses.PIPELINE_LIST, m -> store.board(principal(m).tenantId())),
        serve(vertx, Addresses.PIPELINE_GET,
            m -> store.get(principal(m).tenantId(), String.valueOf(part(m, ServiceRequest.PATH).getString("opportunityId")))),
        serve(vertx, Addresses.PIPELINE_MOVE, m -> {
          Principal caller = principal(m);
          JsonObject body = body(m, Set.of("stage", "expectedVersion"));
          if (!(body.getValue("stage") instanceof String stage) || !PipelineStore.STAGES.contains(stage)) {
            throw new Refusal(400, "stage: expected one of " + String.join(", ", PipelineStore.STAGES));
          }
          if (!(body.getValue("expectedVersion") instanceof Integer expected) || expected < 0) {
            throw new Refusal(400, "expectedVersion: expected the entry's current version (0 for a new entry)");
          }
          return store.move(caller.tenantId(), String.valueOf(part(m, ServiceRequest.PATH).getString("opportunityId")), stage,
              expected, caller.userId(), correlationId(m));
        }),
        ServiceSchemas.declare(vertx, Addresses.PIPELINE_LIST, PipelineSchemas.LIST),
        ServiceSchemas.declare(vertx, Addresses.PIPELINE_GET, PipelineSchemas.GET),
        ServiceSchemas.declare(vertx, Addresses.PIPELINE_MOVE, PipelineSchemas.MOVE));
  }
}
