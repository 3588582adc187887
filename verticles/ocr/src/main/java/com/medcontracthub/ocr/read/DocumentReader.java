package com.medcontracthub.ocr.read;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.DocumentTextExtracted;
import com.medcontracthub.events.DocumentStepChanged;
import com.medcontracthub.ocr.engine.OcrEngines;
import com.medcontracthub.ocr.extract.ExtractedText;
import com.medcontracthub.ocr.extract.TextExtraction;
import com.medcontracthub.ocr.extract.UnreadableDocument;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.documents.StepAttempts;
import com.medcontracthub.platform.metrics.Meters;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs a document's text step: takes the attempt from the documents service (which passes over one it no longer
 * wants, and gives a taken one its time to answer), reads its text on the engine pool, stores it (JSON, page by page) in the blob store
 * and tells Kafka what it read ({@code DocumentTextExtracted} with the attempt it answers; keyed by the document, as its
 * other events are, so they stay in order). A document that cannot be read is told as unreadable, with why; anything
 * else that goes wrong (its file missing, the blob store unavailable) is told as an error, and the saga tries the step
 * again. Only when the attempt cannot be taken or told (the documents service or Kafka unavailable), or the engines
 * are closing (the JVM shuts down), does it fail here, so Kafka delivers it again, to another JVM if this one stops.
 */
public final class DocumentReader {

  static final String SOURCE = "ocr";
  private static final Logger LOG = LoggerFactory.getLogger(DocumentReader.class);
  /** A page takes about a second; a long scan, minutes. */
  private static final Duration[] READ_BUCKETS = LongStream.of(1, 2, 5, 10, 30, 60, 120, 300, 600, 1_800)
      .mapToObj(Duration::ofSeconds).toArray(Duration[]::new);

  private final Vertx vertx;
  private final OcrEngines engines;
  private final TextExtraction extraction;
  private final BlobStore blobs;

  public DocumentReader(Vertx vertx, OcrEngines engines, TextExtraction extraction, BlobStore blobs) {
    this.vertx = vertx;
    this.engines = engines;
    this.extraction = extraction;
    this.blobs = blobs;
    // every outcome from zero: a dashboard reads a rate of 0 before the first document, not nothing
    List.of(DocumentSteps.EXTRACTED, DocumentSteps.UNREADABLE, DocumentSteps.ERROR).forEach(DocumentReader::reads);
  }

  /** What was told, or empty when the attempt was passed over. */
  public Future<Optional<DocumentTextExtracted>> read(DocumentStepChanged step) {
    if (!engines.accepting()) {
      // not taken: a take starts the attempt's time to answer, which another JVM would then spend
      return Future.failedFuture(new OcrEngines.Closing());
    }
    return StepAttempts.take(vertx, step.getDocumentId(), DocumentSteps.TEXT, step.getAttempt())
        .compose(taken -> {
          if (taken) {
            return readAndTell(step).map(Optional::of);
          }
          LOG.info("document {}: text attempt {} passed over: the saga has moved on", step.getDocumentId(),
              step.getAttempt());
          return Future.succeededFuture(Optional.empty());
        });
  }

  private Future<DocumentTextExtracted> readAndTell(DocumentStepChanged step) {
    LOG.info("reading document {} ({}), attempt {}", step.getDocumentId(), step.getMediaType(), step.getAttempt());
    long started = System.nanoTime();
    // encoded on the engine's thread too: a long document's JSON is megabytes
    return blobs.withLocalFile(step.getBlob(), file -> engines.run(engine -> {
          ExtractedText text = extraction.extract(file, step.getMediaType(), engine);
          return new Read(text, text.toJson().toBuffer());
        }))
        .compose(read -> blobs.store(read.json()).map(blob -> told(step, read.text(), blob)))
        .recover(e -> e instanceof OcrEngines.Closing ? Future.failedFuture(e)
            : Future.succeededFuture(e instanceof UnreadableDocument
                ? answer(step, DocumentSteps.UNREADABLE, e.getMessage()).build()
                : answer(step, DocumentSteps.ERROR, why(step, e)).build()))
        .compose(event -> StepAttempts.tell(vertx, Addresses.OCR_EVENTS, step.getDocumentId(), event))
        .onSuccess(event -> reads(event.getState()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
  }

  private static Timer reads(String state) {
    return Timer.builder("mch_ocr_documents_read").description("A document's text step, by its outcome")
        .tag("state", state).serviceLevelObjectives(READ_BUCKETS).register(Meters.registry());
  }

  private record Read(ExtractedText text, Buffer json) {
  }

  /**
   * What went wrong, as the uploader may read it: which kind of trouble, not its details (a path on the server, say),
   * which go to the log.
   */
  private static String why(DocumentStepChanged step, Throwable e) {
    LOG.warn("document {}: text attempt {} failed: {}", step.getDocumentId(), step.getAttempt(), e.toString());
    return e instanceof UncheckedIOException || e instanceof IOException ? "the stored file cannot be read"
        : "the OCR service failed (" + e.getClass().getSimpleName() + ")";
  }

  private static DocumentTextExtracted told(DocumentStepChanged step, ExtractedText text, BlobStore.Blob blob) {
    return answer(step, DocumentSteps.EXTRACTED, null).setPages(text.pages().size())
        .setMeanConfidence(text.meanConfidence()).setTextBlob(blob.sha256()).build();
  }

  private static DocumentTextExtracted.Builder answer(DocumentStepChanged step, String state, String reason) {
    return DocumentTextExtracted.newBuilder()
        .setEnvelope(Events.envelope(DocumentTextExtracted.class, SOURCE, step.getEnvelope().getCorrelationId(),
            step.getTenantId(), step.getDocumentId()))
        .setDocumentId(step.getDocumentId()).setTenantId(step.getTenantId()).setAttempt(step.getAttempt())
        .setState(state).setPages(0).setMeanConfidence(0).setReason(reason);
  }
}
