package com.medcontracthub.platform.documents;

import com.medcontracthub.platform.blob.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A document's text as the OCR service stored it in the blob store: JSON, {@code {"pages": [{page, method, text,
 * confidence, words}], "meanConfidence"}}.
 */
public final class DocumentPages {

  /** More than any document within the OCR limits makes: a blob past it is not read into memory. */
  public static final long MAX_TEXT_BYTES = 64L * 1024 * 1024;

  private final Vertx vertx;
  private final BlobStore blobs;

  public DocumentPages(Vertx vertx, BlobStore blobs) {
    this.vertx = vertx;
    this.blobs = blobs;
  }

  /** The pages of the text blob ({@code null}: not read yet, none), each with its words' boxes when {@code words}. */
  public Future<JsonArray> of(String textBlob, boolean words) {
    if (textBlob == null) {
      return Future.succeededFuture(new JsonArray());
    }
    // parsed on a worker thread: a long document's JSON is megabytes
    return blobs.read(textBlob, MAX_TEXT_BYTES).compose(stored -> vertx.executeBlocking(() -> {
      JsonArray pages = new JsonObject(stored).getJsonArray("pages", new JsonArray());
      if (!words) {
        pages.forEach(page -> ((JsonObject) page).remove("words"));
      }
      return pages;
    }, false));
  }
}
