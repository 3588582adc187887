package com.medcontracthub.opportunities.upload;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.http.Replies;
import com.medcontracthub.platform.http.ServiceRequests;
import com.medcontracthub.platform.http.Uploads;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/opportunities/import}: a tenant admin uploads a SAM.gov file (search response or JSON lines).
 * The body is never held in memory: it streams into the blob store, refused early when its declared or actual size
 * passes {@code import.max-bytes}, and the opportunities service imports the stored file and answers with the report.
 * Routed before the body handler, with the request paused until this handler reads it.
 */
final class ImportRoute implements Handler<RoutingContext> {

  private final BlobStore blobs;
  private final long maxBytes;
  private final long timeoutMs;

  ImportRoute(BlobStore blobs, long maxBytes, long timeoutMs) {
    this.blobs = blobs;
    this.maxBytes = maxBytes;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject principal = ctx.get(Replies.PRINCIPAL);
    if (!Principal.ADMIN.equals(principal.getString(Principal.ROLE))) {
      Uploads.refuse(ctx, 403, "only a tenant admin may import opportunities");
      return;
    }
    if (Uploads.declaredLarger(ctx.request(), maxBytes)) {
      Uploads.refuse(ctx, 413, tooLarge());
      return;
    }
    blobs.receive(ctx.request(), maxBytes)
        .onSuccess(blob -> ServiceRequests.forward(ctx, Addresses.OPPORTUNITIES_IMPORT, ServiceRequests.requestOf(ctx)
            .put(ServiceRequest.BODY, new JsonObject().put("blob", blob.sha256()).put("bytes", blob.bytes())), timeoutMs,
            (status, answer) -> { }))
        .onFailure(e -> {
          if (e instanceof BlobStore.TooLargeException) {
            Uploads.refuse(ctx, 413, tooLarge());
          } else {
            ctx.fail(e);
          }
        });
  }

  private String tooLarge() {
    return "the upload is larger than " + maxBytes + " bytes (import.max-bytes)";
  }
}
