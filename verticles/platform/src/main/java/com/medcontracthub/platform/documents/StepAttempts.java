package com.medcontracthub.platform.documents;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.codecs.Headers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a service performing a step of a document's saga says to it: it takes an attempt it was told of before working
 * on it, and tells its answer on the document events, keyed by the document so the answer stays in order with the
 * document's other events.
 */
public final class StepAttempts {

  private static final long TAKE_TIMEOUT_MS = 10_000;
  private static final long TELL_TIMEOUT_MS = 30_000;

  private StepAttempts() {
  }

  /**
   * Whether the attempt is still the one the saga waits for (one it has moved past is passed over); its time to answer
   * starts now.
   */
  public static Future<Boolean> take(Vertx vertx, String documentId, String step, int attempt) {
    return vertx.eventBus().<JsonObject>request(Addresses.DOCUMENTS_STEP_TAKEN, new JsonObject()
            .put(DocumentSteps.DOCUMENT_ID, documentId).put(DocumentSteps.STEP, step)
            .put(DocumentSteps.ATTEMPT, attempt), new DeliveryOptions().setSendTimeout(TAKE_TIMEOUT_MS))
        .map(reply -> reply.body().getBoolean(DocumentSteps.TAKEN));
  }

  /** The answer, sent to {@code address} (bridged to the document events); completes once Kafka has it. */
  public static <E extends SpecificRecord> Future<E> tell(Vertx vertx, String address, String documentId, E answer) {
    return vertx.eventBus().request(address, answer, new DeliveryOptions().setSendTimeout(TELL_TIMEOUT_MS)
        .addHeader(Headers.KAFKA_KEY, documentId)).map(answer);
  }
}
