package com.medcontracthub.ocr;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.events.DocumentStepChanged;
import com.medcontracthub.ocr.engine.OcrEngines;
import com.medcontracthub.ocr.engine.Tessdata;
import com.medcontracthub.ocr.extract.ExtractionLimits;
import com.medcontracthub.ocr.extract.TextExtraction;
import com.medcontracthub.ocr.read.DocumentReader;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.flags.FeatureFlags;
import com.medcontracthub.platform.flags.Flag;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * The OCR service: performs the text step of each document's processing saga, from Kafka (a running
 * {@code DocumentStepChanged} of the text step on the document events, bridged to {@link Addresses#OCR_DOCUMENT_STEPS}),
 * on a pool of {@code ocr.engines} Tesseract engines; any number of OCR JVMs share the steps through their consumer group.
 */
public final class OcrVerticle extends ServiceVerticle {

  /** Longer than a document within the limits takes; past it Vert.x warns of a blocked engine thread. */
  private static final long MAX_DOCUMENT_MS = Duration.ofMinutes(30).toMillis();

  private OcrEngines engines;

  public OcrVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    MchConfig.Ocr ocr = config.ocr();
    return vertx.executeBlocking(() -> Tessdata.in(config.dataDir().resolve("tessdata"))).compose(tessdata -> {
      engines = new OcrEngines(vertx, "mch-ocr", ocr.engines(), tessdata, MAX_DOCUMENT_MS);
      DocumentReader reader = new DocumentReader(vertx, engines, new TextExtraction(new ExtractionLimits(
          ocr.maxPages(), ocr.maxPixels(), Duration.ofMillis(ocr.pageTimeoutMs()),
          Duration.ofMillis(ocr.documentTimeoutMs()))),
          BlobStore.of(vertx, config));
      return vertx.eventBus().<Object>consumer(Addresses.OCR_DOCUMENT_STEPS, m -> {
        // the topic carries every document event: only text steps started are read
        if (!(m.body() instanceof DocumentStepChanged step && DocumentSteps.TEXT.equals(step.getStep())
            && DocumentSteps.RUNNING.equals(step.getState()))) {
          m.reply(null);
        } else if (!FeatureFlags.of(vertx).on(Flag.OCR_PROCESSING)) {
          // not taken, so its time to answer has not begun: it waits in Kafka, its partition backing off
          m.fail(503, "reading documents is switched off; the document waits its turn");
        } else {
          reader.read(step).onSuccess(v -> m.reply(null)).onFailure(e -> m.fail(503, e.getMessage()));
        }
      }).completion();
    });
  }

  @Override
  public Future<?> stop() {
    return (engines == null ? Future.succeededFuture() : engines.close()).eventually(super::stop);
  }
}
