package com.medcontracthub.documents.upload;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.http.ServiceRequests;
import com.medcontracthub.platform.http.Uploads;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /api/v1/opportunities/{id}/documents}: a user uploads a document, as the one file of a
 * multipart/form-data body or as the raw body (named by {@code ?fileName=}). It streams into the blob store, refused
 * once it passes {@code documents.max-bytes} or takes longer than {@code documents.timeout-ms}; its type is read
 * from its first bytes (PDF, PNG, TIFF or JPEG, whatever was declared: 415 otherwise, as they arrive, and nothing is
 * kept); the documents service records it and answers 202. Routed before the body handler,
 * the request paused until this handler reads it.
 */
final class UploadRoute implements Handler<RoutingContext> {

  static final String FILE_NAME = "fileName";
  private static final int MAX_NAME = 200;
  /** Only a file of a type whose text is read is kept: another is refused as its first bytes arrive. */
  private static final BlobStore.Head READABLE = new BlobStore.Head(MediaTypes.HEAD_BYTES,
      head -> MediaTypes.of(head).isPresent());

  private final BlobStore blobs;
  private final long maxBytes;
  private final long timeoutMs;

  UploadRoute(BlobStore blobs, long maxBytes, long timeoutMs) {
    this.blobs = blobs;
    this.maxBytes = maxBytes;
    this.timeoutMs = timeoutMs;
  }

  private record Stored(BlobStore.Blob blob, String fileName) {
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (Uploads.declaredLarger(ctx.request(), maxBytes)) {
      Uploads.refuse(ctx, 413, tooLarge());
      return;
    }
    stored(ctx.request())
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .compose(stored -> blobs.head(stored.blob().sha256(), MediaTypes.HEAD_BYTES).map(head -> {
          JsonObject body = new JsonObject().put("blob", stored.blob().sha256()).put("bytes", stored.blob().bytes())
              .put(FILE_NAME, stored.fileName()).put("mediaType", MediaTypes.of(head).orElseThrow());
          ServiceRequests.forward(ctx, Addresses.DOCUMENTS_CREATE,
              ServiceRequests.requestOf(ctx).put(ServiceRequest.BODY, body), timeoutMs, (status, answer) -> { });
          return null;
        }))
        .onFailure(e -> {
          if (e instanceof BlobStore.TooLargeException) {
            Uploads.refuse(ctx, 413, tooLarge());
          } else if (e instanceof BlobStore.RefusedException) {
            Uploads.refuse(ctx, 415, "not a PDF, PNG, TIFF or JPEG file (its content says so, whatever it is called)");
          } else if (e instanceof TimeoutException) {
            Uploads.refuse(ctx, 408, "the upload took longer than " + timeoutMs + " ms (documents.timeout-ms)");
          } else if (e instanceof IllegalArgumentException) {
            Uploads.refuse(ctx, 400, e.getMessage());
          } else {
            ctx.fail(e);
          }
        });
  }

  /** The file of the upload in the blob store, with its name: a multipart form's first file, or the raw body. */
  private Future<Stored> stored(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      Promise<Stored> file = Promise.promise();
      AtomicBoolean first = new AtomicBoolean(true);
      request.setExpectMultipart(true);
      request.uploadHandler(upload -> {
        if (!first.getAndSet(false)) {
          file.tryFail(new IllegalArgumentException("one file per upload"));
          return;
        }
        blobs.receive(upload, maxBytes, READABLE).map(blob -> new Stored(blob, name(upload.filename())))
            .onSuccess(file::tryComplete).onFailure(file::tryFail);
      });
      request.endHandler(v -> {
        if (first.get()) {
          file.tryFail(new IllegalArgumentException("the form holds no file"));
        }
      });
      request.exceptionHandler(file::tryFail);
      request.resume();
      return file.future();
    }
    return blobs.receive(request, maxBytes, READABLE).map(blob -> new Stored(blob, name(request.getParam(FILE_NAME))));
  }

  /** A file name as shown back to users: its last path part, without control characters, at most 200 characters. */
  static String name(String given) {
    String name = given == null ? "" : given.replaceAll("^.*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
    return name.isEmpty() ? "document" : name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
  }

  private String tooLarge() {
    return "the document is larger than " + maxBytes + " bytes (documents.max-bytes)";
  }
}
