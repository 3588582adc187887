package com.medcontracthub.documents.upload;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.http.Replies;
import com.medcontracthub.platform.http.ServiceRequests;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/documents/{id}/file}: the original file, for a user of its tenant (another tenant's is a 404): the
 * service names it, and the gateway sends it from the blob store, as an attachment of its type.
 */
final class FileRoute implements Handler<RoutingContext> {

  private static final long TIMEOUT_MS = 10_000;

  private final BlobStore blobs;

  FileRoute(BlobStore blobs) {
    this.blobs = blobs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.vertx().eventBus().<JsonObject>request(Addresses.DOCUMENTS_FILE, ServiceRequests.requestOf(ctx),
            Replies.options(ctx, TIMEOUT_MS))
        .onSuccess(reply -> blobs.send(reply.body().getString("blob"), ctx.response()
                .putHeader("Content-Type", reply.body().getString("mediaType"))
                .putHeader("Content-Disposition", "attachment; filename=\"" + reply.body().getString("name")
                    .replaceAll("[\"\\\\]", "_") + "\"")
                .putHeader("X-Content-Type-Options", "nosniff"))
            .onFailure(ctx::fail))
        .onFailure(e -> Replies.failure(ctx, e));
  }
}
