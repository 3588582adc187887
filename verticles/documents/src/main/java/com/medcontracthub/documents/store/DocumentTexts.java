package com.medcontracthub.documents.store;

import com.medcontracthub.platform.blob.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A document's text as the OCR service stored it (JSON, page by page, in the blob store), as the API shows it. */
public final class DocumentTexts {

  /** More than any document within the OCR limits makes: a blob past it is not read into memory. */
  static final long MAX_TEXT_BYTES = 64L * 1024 * 1024;

  private final Vertx vertx;
  private final BlobStore blobs;

  public DocumentTexts(Vertx vertx, BlobStore blobs) {
    this.vertx = vertx;
    this.blobs = blobs;
  }

  /** Its pages: number, method, text and confidence, and the words with their boxes when {@code words}. */
  public Future<JsonArray> pages(Document document, boolean words) {
    if (document.textBlob() == null) {
      return Future.succeededFuture(new JsonArray());
    }
    // parsed on a worker thread: a long document's JSON is megabytes
    return blobs.read(document.textBlob(), MAX_TEXT_BYTES).compose(stored -> vertx.executeBlocking(() -> {
      JsonArray pages = new JsonObject(stored).getJsonArray("pages", new JsonArray());
      if (!words) {
        pages.forEach(page -> ((JsonObject) page).remove("words"));
      }
      return pages;
    }, false));
  }
}
