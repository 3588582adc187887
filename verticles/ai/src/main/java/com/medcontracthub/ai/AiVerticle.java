package com.medcontracthub.ai;

import static com.medcontracthub.ai.api.AiRequests.noticeId;
import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.ai.analysis.Analyses;
import com.medcontracthub.ai.analysis.AnalysisServices;
import com.medcontracthub.ai.api.AiSchemas;
import com.medcontracthub.ai.documents.DocumentStepPerformer;
import com.medcontracthub.ai.embed.Embedder;
import com.medcontracthub.ai.index.IndexReports;
import com.medcontracthub.ai.index.LuceneNoticeIndex;
import com.medcontracthub.ai.index.NoticeIndex;
import com.medcontracthub.ai.index.WeaviateNoticeIndex;
import com.medcontracthub.ai.ingest.NoticeIndexer;
import com.medcontracthub.ai.search.AiSearchQuery;
import com.medcontracthub.ai.search.NoticeSearch;
import com.medcontracthub.ai.search.PassageQuery;
import com.medcontracthub.ai.search.PassageSearch;
import com.medcontracthub.ai.store.AiStore;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.events.DocumentStepChanged;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.documents.DocumentPages;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import com.medcontracthub.platform.service.SoleInstance;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.shareddata.Lock;
import io.vertx.ext.healthchecks.HealthChecks;
import java.util.List;

/**
 * The AI service: the current notices kept in its index as their change events come from Kafka
 * ({@link Addresses#AI_OPPORTUNITY_EVENTS}), each answered once the index has it on disk; searched by meaning, by
 * words or both ({@link Addresses#AI_SEARCH}), and by likeness to one notice ({@link Addresses#AI_SIMILAR}); the
 * tenants' capability profiles, and analyses of notices against them (requirements and a fit score); the analysed and
 * indexed steps of the tenants' documents ({@link Addresses#AI_DOCUMENT_STEPS}), whose passages are searched too
 * ({@link Addresses#AI_PASSAGES}).
 */
public final class AiVerticle extends ServiceVerticle {

  /** The cluster-wide lock of the JVM keeping the embedded index. */
  static final String SOLE_EMBEDDED_INDEX = "mch.ai.embedded-index";

  /** This JVM's readiness check of its embedded index. */
  static final String INDEX_CHECK = "ai-index";

  private final HealthChecks health;
  private Lock soleLock;
  private Embedder embedder;
  private NoticeIndex index;
  private long sizeGauge = -1;
  private MessageConsumer<OpportunityChanged> events;
  private MessageConsumer<Object> documentSteps;

  /** {@code health}: this JVM's readiness checks, to which the index's own is added while it runs. */
  public AiVerticle(MchConfig config, HealthChecks health) {
    super(config);
    this.health = health;
  }

  @Override
  public Future<?> start() {
    MchConfig.Ai ai = config.ai();
    boolean embedded = MchConfig.Ai.EMBEDDED.equals(ai.store());
    // the embedded index is one JVM's files; Weaviate is shared by any number of AI JVMs
    return (embedded ? SoleInstance.claim(vertx, SOLE_EMBEDDED_INDEX, ConfigKeys.AI_DIR, "the embedded index is one "
            + "JVM's files, and another JVM of the cluster runs the AI service with it; run one AI JVM")
            .map(lock -> soleLock = lock) : Future.succeededFuture())
        // loading the model reads its 23 MB and builds an inference session: not on the event loop
        .compose(v -> vertx.executeBlocking(() -> new Embedder(vertx, ai.embedThreads(), ai.embedQueue()), false))
        .compose(loaded -> {
          embedder = loaded;
          return embedded
              ? LuceneNoticeIndex.open(vertx, ai.dir(), Embedder.MODEL, Embedder.DIMENSION, ai.searchCandidates())
                  .<NoticeIndex>map(opened -> opened)
              : WeaviateNoticeIndex.open(vertx, ai, config.resilience(), Embedder.MODEL, Embedder.DIMENSION)
                  .<NoticeIndex>map(opened -> opened);
        })
        .compose(opened -> {
          index = opened;
          health.register(INDEX_CHECK, promise -> promise.complete(IndexReports.status(index)));
          sizeGauge = IndexReports.sizeGauge(vertx, index, ai.store());
          NoticeIndexer indexer = new NoticeIndexer(vertx, embedder, index, ai.timeoutMs());
          NoticeSearch search = new NoticeSearch(vertx, embedder, index, ai.timeoutMs());
          PassageSearch passages = new PassageSearch(embedder, index, ai.timeoutMs());
          AiStore store = new AiStore(pool());
          DocumentStepPerformer steps = new DocumentStepPerformer(vertx, embedder, index, store,
              new DocumentPages(vertx, BlobStore.of(vertx, config)));
          return Future.all(List.of(
              (events = vertx.eventBus().<OpportunityChanged>localConsumer(Addresses.AI_OPPORTUNITY_EVENTS,
                  indexer::answer)).completion(),
              // the topic carries every document event: only the AI service's steps are performed
              (documentSteps = vertx.eventBus().<Object>localConsumer(Addresses.AI_DOCUMENT_STEPS, m ->
                  (m.body() instanceof DocumentStepChanged step ? steps.perform(step) : Future.succeededFuture())
                      .onSuccess(v -> m.reply(null)).onFailure(e -> m.fail(503, e.getMessage())))).completion(),
              serve(vertx, Addresses.AI_SEARCH, m -> {
                principal(m);
                return search.search(AiSearchQuery.from(part(m, ServiceRequest.QUERY)));
              }),
              serve(vertx, Addresses.AI_SIMILAR, m -> {
                principal(m);
                return search.similar(noticeId(m), AiSearchQuery.similarLimit(part(m, ServiceRequest.QUERY)));
              }),
              ServiceSchemas.declare(vertx, Addresses.AI_SEARCH, AiSchemas.SEARCH),
              serve(vertx, Addresses.AI_PASSAGES, m -> passages.search(principal(m).tenantId(),
                  PassageQuery.from(part(m, ServiceRequest.QUERY)))),
              serve(vertx, Addresses.AI_DAILY_COUNTS, m -> IndexReports.dailyCounts(index)),
              ServiceSchemas.declare(vertx, Addresses.AI_SIMILAR, AiSchemas.SIMILAR),
              ServiceSchemas.declare(vertx, Addresses.AI_PASSAGES, AiSchemas.PASSAGES),
              AnalysisServices.serve(vertx, store, new Analyses(vertx, store, embedder, ai.timeoutMs(),
                  ai.analysisTimeoutMs()))));
        })
        .recover(e -> Future.join(release(), super.stop()).transform(released -> Future.failedFuture(e)));
  }

  /** No event arrives at a closing index: the consumers go first. */
  @Override
  public Future<?> stop() {
    Future<Void> unregistered = Future.join(events == null ? Future.succeededFuture() : events.unregister(),
        documentSteps == null ? Future.succeededFuture() : documentSteps.unregister()).mapEmpty();
    return Future.join(unregistered.eventually(this::release), super.stop());
  }

  /** Closes the index and the model, then lets another JVM take the embedded index's lock: its files are free. */
  private Future<Void> release() {
    if (index != null) {
      health.unregister(INDEX_CHECK);
      vertx.cancelTimer(sizeGauge);
    }
    Future<Void> closed = index == null ? Future.succeededFuture() : index.close();
    return closed.eventually(() -> {
      if (embedder != null) {
        embedder.close();
      }
      if (soleLock != null) {
        soleLock.release();
        soleLock = null;
      }
      return Future.succeededFuture();
    });
  }
}
