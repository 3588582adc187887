package com.medcontracthub.opportunities.reports;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.http.GatewayMount;
import com.medcontracthub.platform.http.ProductLoginHandler;
import com.medcontracthub.platform.http.ProductLogins;
import com.medcontracthub.platform.http.Replies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * A pipeline report's PDF on the gateway, {@code GET /api/v1/reports/{id}/file}: for a user of the report's tenant
 * (another tenant's id is a 404), or without a login for the link an e-mail carries ({@code ?token=}, its secret). The
 * service names the file, and the gateway sends it from the blob store.
 */
public final class ReportFileMount implements GatewayMount {

  public static final Factory FACTORY = ReportFileMount::new;
  private static final String ROUTE = PipelineReports.PATH + ":id/file";
  private static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final ProductLoginHandler login;
  private final BlobStore blobs;

  private ReportFileMount(Vertx vertx, MchConfig config, ProductLogins logins) {
    this.vertx = vertx;
    this.login = new ProductLoginHandler(logins);
    this.blobs = BlobStore.of(vertx, config);
  }

  @Override
  public void mount(Router router) {
    router.get(ROUTE).handler(ctx -> {
      if (ctx.request().getParam(PipelineReports.TOKEN) != null) {
        ctx.next();
      } else {
        login.handle(ctx);
      }
    }).handler(this::download);
  }

  @Override
  public List<Operation> operations() {
    return List.of(new Operation("GET", PipelineReports.PATH + "{id}/file", Addresses.REPORTS_FILE,
        "a pipeline report of the tenant, as PDF (with ?token=, the link an e-mail carries, no login)"));
  }

  private void download(RoutingContext ctx) {
    JsonObject request = new JsonObject().put(ServiceRequest.PATH, new JsonObject().put("id", ctx.pathParam("id")))
        .put(PipelineReports.TOKEN, ctx.request().getParam(PipelineReports.TOKEN));
    JsonObject principal = ctx.get(Replies.PRINCIPAL);
    if (principal != null) {
      request.put(ServiceRequest.PRINCIPAL, principal);
    }
    vertx.eventBus().<JsonObject>request(Addresses.REPORTS_FILE, request, Replies.options(ctx, TIMEOUT_MS))
        .onSuccess(reply -> blobs.send(reply.body().getString("blob"), ctx.response()
                .putHeader("Content-Type", "application/pdf")
                .putHeader("Content-Disposition", "attachment; filename=\"" + reply.body().getString("name") + "\"")
                .putHeader("Cache-Control", "private, max-age=3600"))
            .onFailure(e -> ctx.fail(e)))
        .onFailure(e -> Replies.failure(ctx, e));
  }
}
