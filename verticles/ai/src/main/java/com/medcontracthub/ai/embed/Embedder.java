package com.medcontracthub.ai.embed;

import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.metrics.Meters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sentence embeddings computed in this JVM by all-MiniLM-L6-v2 (quantized, ONNX), the model packaged in its Maven
 * artifact: nothing is downloaded. Texts are embedded on {@code threads} threads of their own, never an event loop: one
 * text on the calling thread, a batch's texts spread over the inference threads (ONNX Runtime may use more cores within
 * one text). At most {@code capacity} texts wait at a time: past it a call fails at once with a 503,
 * so a burst of searches or events cannot pile up work without bound.
 *
 * <p>Metrics: {@code mch_ai_embeddings_total{outcome}} texts embedded, refused (busy) or failed,
 * {@code mch_ai_embed_queue_texts} texts waiting or being embedded, {@code mch_ai_embed_wait_seconds} from a call to its
 * start on a thread (the queue's age as callers feel it) and {@code mch_ai_embedding_seconds} the model's run of one
 * call's texts.
 */
public final class Embedder implements AutoCloseable {

  /** Stored with the index: vectors of another model are never mixed with these. */
  public static final String MODEL = "all-MiniLM-L6-v2-q";
  public static final int DIMENSION = 384;

  /** The waiting texts of the JVM's newest embedder, which its gauge shows (a redeployed verticle makes another). */
  private static final AtomicReference<AtomicInteger> SHOWN = new AtomicReference<>(new AtomicInteger());

  private final WorkerExecutor caller;
  private final ExecutorService inference;
  private final AllMiniLmL6V2QuantizedEmbeddingModel model;
  private final int capacity;
  private final AtomicInteger waiting = new AtomicInteger();
  private final Counter embedded = texts("embedded");
  private final Counter refused = texts("refused");
  private final Counter failed = texts("failed");
  private final Timer waited = latency("mch_ai_embed_wait", "From a call to the embedding model to its start");
  private final Timer ran = latency("mch_ai_embedding", "The embedding model's run of one call's texts");
  private volatile boolean closed;

  /** Loads the model (blocking: call it on a worker thread). */
  public Embedder(Vertx vertx, int threads, int capacity) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "mch-ai-inference");
      t.setDaemon(true);
      return t;
    });
    try {
      this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(pool);
    } catch (RuntimeException | Error e) {
      pool.shutdown();
      throw e;
    }
    this.inference = pool;
    this.caller = vertx.createSharedWorkerExecutor("mch-ai-embed", threads);
    this.capacity = capacity;
    SHOWN.set(waiting);
    Gauge.builder("mch_ai_embed_queue_texts", SHOWN, shown -> shown.get().get())
        .description("Texts waiting for the embedding model or being embedded").strongReference(true)
        .register(Meters.registry());
  }

  /** The unit-length embedding of one text. */
  public Future<float[]> embed(String text) {
    return embedAll(List.of(text)).map(vectors -> vectors.get(0));
  }

  /** The unit-length embeddings of the texts, in their order. */
  public Future<List<float[]>> embedAll(List<String> texts) {
    if (closed) {
      return Future.failedFuture(new Refusal(503, "the embedding model is closing"));
    }
    if (waiting.addAndGet(texts.size()) > capacity) {
      waiting.addAndGet(-texts.size());
      refused.increment(texts.size());
      return Future.failedFuture(new Refusal(503, "the embedding model is busy (" + capacity
          + " texts waiting); try again shortly"));
    }
    long called = System.nanoTime();
    try {
      return caller.<List<float[]>>executeBlocking(() -> {
        long started = System.nanoTime();
        waited.record(started - called, TimeUnit.NANOSECONDS);
        List<Embedding> embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        ran.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        embedded.increment(texts.size());
        return embeddings.stream().map(Embedding::vector).toList();
      }, false).onComplete(done -> {
        waiting.addAndGet(-texts.size());
        if (done.failed()) {
          failed.increment(texts.size());
        }
      });
    } catch (RejectedExecutionException e) {
      // closed meanwhile
      waiting.addAndGet(-texts.size());
      return Future.failedFuture(new Refusal(503, "the embedding model is closing"));
    }
  }

  private static Counter texts(String outcome) {
    return Counter.builder("mch_ai_embeddings").description("Texts given to the embedding model, by outcome")
        .tag("outcome", outcome).register(Meters.registry());
  }

  private static Timer latency(String name, String description) {
    return Timer.builder(name).description(description).serviceLevelObjectives(Meters.LATENCY_BUCKETS)
        .register(Meters.registry());
  }

  @Override
  public void close() {
    closed = true;
    caller.close();
    inference.shutdown();
  }
}
