package com.medcontracthub.ocr.read;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.Headers;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.DocumentTextExtracted;
import com.medcontracthub.events.DocumentUploaded;
import com.medcontracthub.ocr.engine.OcrEngines;
import com.medcontracthub.ocr.extract.ExtractedText;
import com.medcontracthub.ocr.extract.TextExtraction;
import com.medcontracthub.ocr.extract.UnreadableDocument;
import com.medcontracthub.platform.blob.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an uploaded document's text on the engine pool, stores it (JSON, page by page) in the blob store and tells
 * Kafka what it read ({@code DocumentTextExtracted}, extracted or failed with the reason; keyed by the document, as its
 * other events are, so they stay in order). A document that cannot be
 * read is a failed one, told like a read one; anything else (the blob store or Kafka unavailable) fails the attempt,
 * so Kafka delivers the upload again. Read twice, a document tells twice: the documents service records the first.
 */
public final class DocumentReader {

  static final String SOURCE = "ocr";
  private static final Logger LOG = LoggerFactory.getLogger(DocumentReader.class);
  private static final long KAFKA_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final OcrEngines engines;
  private final TextExtraction extraction;
  private final BlobStore blobs;

  public DocumentReader(Vertx vertx, OcrEngines engines, TextExtraction extraction, BlobStore blobs) {
    this.vertx = vertx;
    this.engines = engines;
    this.extraction = extraction;
    this.blobs = blobs;
  }

  public Future<DocumentTextExtracted> read(DocumentUploaded uploaded) {
    Path file = blobs.path(uploaded.getBlob());
    LOG.info("reading document {} ({}, {} bytes)", uploaded.getDocumentId(), uploaded.getMediaType(), uploaded.getBytes());
    // encoded on the engine's thread too: a long document's JSON is megabytes
    return engines.run(engine -> {
          ExtractedText text = extraction.extract(file, uploaded.getMediaType(), engine);
          return new Read(text, text.toJson().toBuffer());
        })
        .compose(read -> blobs.store(read.json()).map(blob -> told(uploaded, read.text(), blob)))
        .recover(e -> e instanceof UnreadableDocument ? Future.succeededFuture(failed(uploaded, e.getMessage()))
            : Future.failedFuture(e))
        .compose(event -> vertx.eventBus().request(Addresses.OCR_EVENTS, event, new DeliveryOptions()
            .setSendTimeout(KAFKA_TIMEOUT_MS).addHeader(Headers.KAFKA_KEY, uploaded.getDocumentId())).map(event));
  }

  private record Read(ExtractedText text, Buffer json) {
  }

  private static DocumentTextExtracted told(DocumentUploaded uploaded, ExtractedText text, BlobStore.Blob blob) {
    return event(uploaded).setState("extracted").setPages(text.pages().size()).setMeanConfidence(text.meanConfidence())
        .setTextBlob(blob.sha256()).build();
  }

  private static DocumentTextExtracted failed(DocumentUploaded uploaded, String reason) {
    return event(uploaded).setState("failed").setPages(0).setMeanConfidence(0).setReason(reason).build();
  }

  private static DocumentTextExtracted.Builder event(DocumentUploaded uploaded) {
    return DocumentTextExtracted.newBuilder()
        .setEnvelope(Events.envelope(DocumentTextExtracted.class, SOURCE, uploaded.getEnvelope().getCorrelationId(),
            uploaded.getTenantId(), uploaded.getDocumentId()))
        .setDocumentId(uploaded.getDocumentId()).setTenantId(uploaded.getTenantId());
  }
}
