package com.medcontracthub.opportunities;

import static com.medcontracthub.platform.bus.Consumers.CREATED;
import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;
import static com.medcontracthub.platform.bus.Consumers.uuidOrNull;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.opportunities.api.ReportSchemas;
import com.medcontracthub.opportunities.reports.PipelineReports;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A tenant's pipeline reports on the event bus: the list, one made now, and the file of one (for the gateway: a user's
 * of the tenant, or an e-mailed link's).
 */
public final class ReportsVerticle extends ServiceVerticle {

  public ReportsVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    PipelineReports reports = new PipelineReports(vertx, pool(), BlobStore.of(vertx, config));
    return Future.all(List.of(
        serve(vertx, Addresses.REPORTS_LIST,
            m -> reports.list(principal(m).tenantId()).map(all -> new JsonObject().put("reports", all))),
        serve(vertx, Addresses.REPORTS_CREATE, CREATED, m -> reports.now(principal(m))),
        serve(vertx, Addresses.REPORTS_FILE, m -> reports.file(uuidOrNull(part(m, ServiceRequest.PATH).getString("id")),
            m.body().containsKey(ServiceRequest.PRINCIPAL) ? principal(m) : null,
            m.body().getString(PipelineReports.TOKEN))),
        ServiceSchemas.declare(vertx, Addresses.REPORTS_LIST, ReportSchemas.LIST),
        ServiceSchemas.declare(vertx, Addresses.REPORTS_CREATE, ReportSchemas.CREATE)));
  }
}
