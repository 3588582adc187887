package com.medcontracthub.ai.index;

import static com.medcontracthub.ai.index.IndexFields.AGENCY;
import static com.medcontracthub.ai.index.IndexFields.BODY;
import static com.medcontracthub.ai.index.IndexFields.DESCRIPTION;
import static com.medcontracthub.ai.index.IndexFields.DUE;
import static com.medcontracthub.ai.index.IndexFields.FILE_NAME;
import static com.medcontracthub.ai.index.IndexFields.NAICS;
import static com.medcontracthub.ai.index.IndexFields.NUMBER;
import static com.medcontracthub.ai.index.IndexFields.PAGE;
import static com.medcontracthub.ai.index.IndexFields.PASSAGE;
import static com.medcontracthub.ai.index.IndexFields.SET_ASIDE;
import static com.medcontracthub.ai.index.IndexFields.TITLE;

import com.medcontracthub.ai.documents.DocumentPassage;
import com.medcontracthub.ai.search.RelativeScoreFusion;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.resilience.Breaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.weaviate.client6.v1.api.Authentication;
import io.weaviate.client6.v1.api.WeaviateApiException;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.WeaviateConnectException;
import io.weaviate.client6.v1.api.WeaviateTransportException;
import io.weaviate.client6.v1.api.collections.CollectionConfig;
import io.weaviate.client6.v1.api.collections.CollectionHandle;
import io.weaviate.client6.v1.api.collections.Property;
import io.weaviate.client6.v1.api.collections.Tokenization;
import io.weaviate.client6.v1.api.collections.VectorConfig;
import io.weaviate.client6.v1.api.collections.WeaviateObject;
import io.weaviate.client6.v1.api.collections.data.DeleteManyResponse;
import io.weaviate.client6.v1.api.collections.data.InsertManyResponse;
import io.weaviate.client6.v1.api.collections.query.Filter;
import io.weaviate.client6.v1.api.collections.query.FilterOperand;
import io.weaviate.client6.v1.api.collections.query.Hybrid;
import io.weaviate.client6.v1.api.collections.query.Metadata;
import io.weaviate.client6.v1.api.collections.query.NearVector;
import io.weaviate.client6.v1.api.collections.query.QueryMetadata;
import io.weaviate.client6.v1.api.collections.query.QueryResponse;
import io.weaviate.client6.v1.api.collections.query.SearchOperator;
import io.weaviate.client6.v1.api.collections.query.Target;
import io.weaviate.client6.v1.api.collections.tenants.Tenant;
import io.weaviate.client6.v1.internal.ObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The index kept in Weaviate, the prod profile's vector store, through Weaviate's official client: the current notices
 * in one collection (BM25 over their title and text, their filter properties, and the named vector {@value #VECTOR}
 * this service computes) and the tenants' document passages in another, multi-tenant (one Weaviate tenant per
 * MedContractHub tenant, so a tenant's passages live and are searched apart). Hybrid searches are Weaviate's own,
 * fused by relative score as the embedded index fuses them. Both collections are named for the model whose vectors
 * they hold: another model starts empty collections rather than mixing vectors. Any number of AI JVMs share them.
 *
 * <p>The client blocks: every call runs on a pool of worker threads, bounded by the client's own timeouts. What
 * Weaviate acknowledged it keeps (its write-ahead log): {@link #durable()} has nothing to wait for.
 */
public final class WeaviateNoticeIndex implements NoticeIndex {

  static final String NOTICES = "MchNotice";
  static final String PASSAGES = "MchPassage";
  static final String VECTOR = "meaning";
  private static final String NOTICE_ID = "noticeId";
  private static final String DOCUMENT_ID = "documentId";
  private static final String[] NOTICE_FIELDS = {NOTICE_ID, TITLE, DESCRIPTION, AGENCY, SET_ASIDE, NAICS, DUE};
  private static final String[] PASSAGE_FIELDS = {DOCUMENT_ID, NOTICE_ID, FILE_NAME, PAGE, NUMBER, PASSAGE};
  /** A title's words count for more than the same words in the text, as in the embedded index. */
  private static final String[] NOTICE_TEXT = {TITLE + "^2", BODY};
  /** Objects sent to Weaviate at a time. */
  private static final int BATCH = 100;
  /** A write (a batch of passages) may take this many times a search's {@code ai.timeout-ms}. */
  private static final int WRITE_TIMEOUTS = 4;
  /** Connecting and making the collections at start: the client's own REST connect has no timeout of its own. */
  private static final long OPEN_TIMEOUT_MS = 60_000;

  private final WeaviateClient client;
  private final WorkerExecutor reads;
  private static final Set<String> GRPC_OUTAGES = Set.of("UNAVAILABLE", "DEADLINE_EXCEEDED");

  private final WorkerExecutor writes;
  private final Breaker breaker;
  private final long readTimeoutMs;
  private final long writeTimeoutMs;
  private final String notices;
  private final String passages;
  private final Set<String> tenants = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private WeaviateNoticeIndex(WeaviateClient client, WorkerExecutor reads, WorkerExecutor writes, Breaker breaker,
      long timeoutMs, String notices, String passages) {
    this.client = client;
    this.reads = reads;
    this.writes = writes;
    this.breaker = breaker;
    this.readTimeoutMs = timeoutMs;
    this.writeTimeoutMs = WRITE_TIMEOUTS * timeoutMs;
    this.notices = notices;
    this.passages = passages;
  }

  /**
   * Connects to the Weaviate server {@code ai} names (checking it is live and recent enough) and makes the
   * collections for vectors of {@code model}, {@code dimension} long, if they are not there yet. Every call after goes
   * through Weaviate's circuit breaker ({@code resilience}), without a retry: searches and upserts by id are the
   * caller's to try again (a search's time has gone by then).
   */
  public static Future<WeaviateNoticeIndex> open(Vertx vertx, MchConfig.Ai ai, MchConfig.Resilience resilience,
      String model, int dimension) {
    Breaker breaker = new Breaker(vertx, "weaviate", "Weaviate", resilience, WeaviateNoticeIndex::outage);
    // searches do not queue behind a batch of passages
    WorkerExecutor reads = vertx.createSharedWorkerExecutor("mch-ai-weaviate-reads", 8);
    WorkerExecutor writes = vertx.createSharedWorkerExecutor("mch-ai-weaviate-writes", 4);
    String suffix = "_" + (model + "_" + dimension).replaceAll("[^A-Za-z0-9]", "_");
    return writes.executeBlocking(() -> {
      WeaviateClient client = connect(ai);
      try {
        WeaviateNoticeIndex index = new WeaviateNoticeIndex(client, reads, writes, breaker, ai.timeoutMs(),
            NOTICES + suffix, PASSAGES + suffix);
        index.createCollections();
        return index;
      } catch (Exception e) {
        client.close();
        throw e;
      }
    }, false).timeout(OPEN_TIMEOUT_MS, TimeUnit.MILLISECONDS).onFailure(e -> {
      breaker.close();
      reads.close();
      writes.close();
    });
  }

  private static WeaviateClient connect(MchConfig.Ai ai) {
    URI url = URI.create(ai.weaviateUrl());
    int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    int seconds = (int) Math.max(1, Math.ceil(ai.timeoutMs() / 1000.0));
    return WeaviateClient.connectToCustom(c -> {
      // the scheme first: it sets both ports to its default
      c.scheme(url.getScheme()).httpHost(url.getHost()).httpPort(port).grpcHost(url.getHost())
          .grpcPort(ai.weaviateGrpcPort());
      ai.weaviateApiKey().ifPresent(key -> c.authentication(Authentication.apiKey(key)));
      // a batch of passages may take longer than a search
      return c.timeout(seconds, seconds, 4 * seconds);
    });
  }

  private void createCollections() throws Exception {
    create(notices, c -> c
        .description("MedContractHub's current notices")
        .vectorConfig(VectorConfig.selfProvided(VECTOR))
        .properties(exact(NOTICE_ID), Property.text(TITLE), Property.text(BODY), Property.text(DESCRIPTION),
            Property.text(AGENCY), exact(SET_ASIDE), Property.textArray(NAICS, p -> p.tokenization(Tokenization.FIELD)),
            Property.date(DUE)));
    create(passages, c -> c
        .description("Passages of MedContractHub tenants' documents, one tenant each")
        .vectorConfig(VectorConfig.selfProvided(VECTOR))
        .properties(exact(DOCUMENT_ID), exact(NOTICE_ID), Property.text(FILE_NAME), Property.integer(PAGE),
            Property.integer(NUMBER), Property.text(PASSAGE))
        .multiTenancy(mt -> mt.enabled(true)));
  }

  /** Made unless there; another AI JVM making it at the same time is no failure. */
  private void create(String name, Function<CollectionConfig.Builder, ObjectBuilder<CollectionConfig>> config)
      throws Exception {
    if (client.collections.exists(name)) {
      return;
    }
    try {
      client.collections.create(name, config);
    } catch (IOException | RuntimeException e) {
      if (!client.collections.exists(name)) {
        throw e;
      }
    }
  }

  /** An identifier or a code: matched whole, not as words. */
  private static Property exact(String name) {
    return Property.text(name, p -> p.tokenization(Tokenization.FIELD));
  }

  @Override
  public Future<Void> put(IndexedNotice notice, float[] vector) {
    return write(() -> {
      Map<String, Object> properties = new HashMap<>();
      properties.put(NOTICE_ID, notice.noticeId());
      properties.put(TITLE, notice.title());
      properties.put(BODY, notice.text());
      putIfPresent(properties, DESCRIPTION, notice.description());
      putIfPresent(properties, AGENCY, notice.agency());
      putIfPresent(properties, SET_ASIDE, notice.setAside());
      if (!notice.naicsCodes().isEmpty()) {
        properties.put(NAICS, notice.naicsCodes());
      }
      putIfPresent(properties, DUE, notice.responseDeadline() == null ? null : date(notice.responseDeadline()));
      inserted(noticeHandle().data.insertMany(List.of(WeaviateObject.<Map<String, Object>>of(o -> o
          .uuid(noticeUuid(notice.noticeId())).properties(properties).vectors(named(vector))))));
      return null;
    });
  }

  @Override
  public Future<Void> remove(String noticeId) {
    return write(() -> {
      noticeHandle().data.deleteById(noticeUuid(noticeId));
      return null;
    });
  }

  @Override
  public Future<Void> durable() {
    return closed ? Future.failedFuture(new IndexClosing()) : Future.succeededFuture();
  }

  @Override
  public Future<List<Hit>> keyword(String text, boolean everyWord, NoticeFilters filters, int k) {
    Optional<Filter> filter = filter(filters, null);
    return read(() -> hits(noticeHandle().query.bm25(text, b -> {
      b.queryProperties(NOTICE_TEXT).searchOperator(words(everyWord));
      filter.ifPresent(b::filters);
      return b.limit(k).returnProperties(NOTICE_FIELDS).returnMetadata(Metadata.SCORE);
    }), meta -> meta.score()));
  }

  @Override
  public Future<List<Hit>> nearest(float[] vector, NoticeFilters filters, int k, String excluding) {
    Optional<Filter> filter = filter(filters, excluding);
    return read(() -> hits(noticeHandle().query.nearVector(Target.vector(VECTOR, Vectors.unit(vector)), q -> {
      filter.ifPresent(q::filters);
      return q.limit(k).returnProperties(NOTICE_FIELDS).returnMetadata(Metadata.DISTANCE);
    }), WeaviateNoticeIndex::cosine));
  }

  @Override
  public Future<List<Hit>> hybrid(String text, float[] vector, NoticeFilters filters, int k) {
    Optional<Filter> filter = filter(filters, null);
    return read(() -> hits(noticeHandle().query.hybrid(Target.text(VECTOR, text), h -> {
      hybridOf(h, vector).queryProperties(NOTICE_TEXT);
      filter.ifPresent(h::filters);
      return h.limit(k).returnProperties(NOTICE_FIELDS).returnMetadata(Metadata.SCORE);
    }), meta -> meta.score()));
  }

  /** Not asked of Weaviate: every change of a notice is embedded and written again. */
  @Override
  public Future<Optional<IndexedNotice>> stored(String noticeId) {
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<Optional<float[]>> vectorOf(String noticeId) {
    return read(() -> noticeHandle().query.fetchObjectById(noticeUuid(noticeId), b -> b.includeVector(VECTOR))
        .map(found -> found.vectors().getSingle(VECTOR)));
  }

  /**
   * Upserts the passages (each under an id of its document and number), then deletes the document's passages past
   * them: a search sees each passage old or new, and a failed write leaves the document's passages as they were or a
   * mix of old and new, never none.
   */
  @Override
  public Future<Void> putPassages(UUID tenant, UUID documentId, List<DocumentPassage> found, List<float[]> vectors) {
    return write(() -> {
      CollectionHandle<Map<String, Object>> handle = passagesToWrite(tenant);
      for (int from = 0; from < found.size(); from += BATCH) {
        List<WeaviateObject<Map<String, Object>>> batch = new ArrayList<>();
        for (int i = from; i < Math.min(found.size(), from + BATCH); i++) {
          batch.add(passageObject(found.get(i), vectors.get(i)));
        }
        inserted(handle.data.insertMany(batch));
      }
      deleted(handle.data.deleteMany(Filter.and(Filter.property(DOCUMENT_ID).eq(documentId.toString()),
          Filter.property(NUMBER).gte(found.size()))));
      return null;
    });
  }

  @Override
  public Future<Void> removeDocument(UUID tenant, UUID documentId) {
    return write(() -> {
      Optional<CollectionHandle<Map<String, Object>>> handle = passagesToRead(tenant);
      if (handle.isPresent()) {
        deleted(handle.get().data.deleteMany(Filter.property(DOCUMENT_ID).eq(documentId.toString())));
      }
      return null;
    });
  }

  @Override
  public Future<List<PassageHit>> passagesByWords(String text, boolean everyWord, UUID tenant, String noticeId,
      int k) {
    return read(() -> passagesToRead(tenant).map(handle -> passageHits(handle.query.bm25(text, b -> {
      b.queryProperties(PASSAGE).searchOperator(words(everyWord));
      ofNotice(noticeId).ifPresent(b::filters);
      return b.limit(k).returnProperties(PASSAGE_FIELDS).returnMetadata(Metadata.SCORE);
    }), tenant, meta -> meta.score())).orElse(List.of()));
  }

  @Override
  public Future<List<PassageHit>> nearestPassages(float[] vector, UUID tenant, String noticeId, int k) {
    return read(() -> passagesToRead(tenant).map(handle -> passageHits(handle.query.nearVector(
        Target.vector(VECTOR, Vectors.unit(vector)), q -> {
          ofNotice(noticeId).ifPresent(q::filters);
          return q.limit(k).returnProperties(PASSAGE_FIELDS).returnMetadata(Metadata.DISTANCE);
        }), tenant, WeaviateNoticeIndex::cosine)).orElse(List.of()));
  }

  @Override
  public Future<List<PassageHit>> hybridPassages(String text, float[] vector, UUID tenant, String noticeId, int k) {
    return read(() -> passagesToRead(tenant).map(handle -> passageHits(handle.query.hybrid(Target.text(VECTOR, text),
        h -> {
          hybridOf(h, vector).queryProperties(PASSAGE);
          ofNotice(noticeId).ifPresent(h::filters);
          return h.limit(k).returnProperties(PASSAGE_FIELDS).returnMetadata(Metadata.SCORE);
        }), tenant, meta -> meta.score())).orElse(List.of()));
  }

  /** Weaviate's server keeps its own health; what it refuses is answered as each call's failure. */
  @Override
  public Optional<Throwable> writeFailure() {
    return Optional.empty();
  }

  @Override
  public Future<Long> size() {
    return read(() -> noticeHandle().size());
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return writes.<Void>executeBlocking(() -> {
      client.close();
      return null;
    }, false).eventually(() -> {
      breaker.close();
      reads.close();
      writes.close();
      return Future.succeededFuture();
    });
  }

  /**
   * Whether a failure says Weaviate is out: no answer in time, no connection, or gRPC's UNAVAILABLE or
   * DEADLINE_EXCEEDED or HTTP's 502-504 (the client keeps a gRPC failure's status, not its cause). Anything else
   * Weaviate answered.
   */
  static boolean outage(Throwable e) {
    if (Breaker.NO_ANSWER.test(e)) {
      return true;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof WeaviateConnectException || cause instanceof WeaviateTransportException) {
        return true;
      }
      if (cause instanceof WeaviateApiException api) {
        return api.isGPRC() ? GRPC_OUTAGES.contains(api.grpcStatusCode())
            : api.httpStatusCode() != null && api.httpStatusCode() >= 502 && api.httpStatusCode() <= 504;
      }
    }
    return false;
  }

  private <T> Future<T> read(Callable<T> work) {
    return call(reads, readTimeoutMs, work);
  }

  private <T> Future<T> write(Callable<T> work) {
    return call(writes, writeTimeoutMs, work);
  }

  /**
   * On the pool's threads, answered within {@code timeoutMs} whatever the client does (its REST connect has no limit
   * of its own); once closing, refused, and what fails because the client closed under it is said so.
   */
  private <T> Future<T> call(WorkerExecutor pool, long timeoutMs, Callable<T> work) {
    if (closed) {
      return Future.failedFuture(new IndexClosing());
    }
    return breaker.call(() -> {
      try {
        return pool.executeBlocking(work, false).timeout(timeoutMs, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException | IllegalStateException e) {
        // the pool closed under the call: no outage of Weaviate
        return Future.<T>failedFuture(new IndexClosing());
      }
    }).recover(e -> Future.failedFuture(closed ? new IndexClosing() : e));
  }

  private CollectionHandle<Map<String, Object>> noticeHandle() {
    return client.collections.use(notices);
  }

  /** The tenant's passages to write, its Weaviate tenant made if it has none (another JVM making it too is no failure). */
  private CollectionHandle<Map<String, Object>> passagesToWrite(UUID tenant) throws IOException {
    String name = tenant.toString();
    CollectionHandle<Map<String, Object>> collection = client.collections.use(passages);
    if (!tenants.contains(name)) {
      if (!collection.tenants.exists(name)) {
        try {
          collection.tenants.create(Tenant.active(name));
        } catch (RuntimeException e) {
          if (!collection.tenants.exists(name)) {
            throw e;
          }
        }
      }
      tenants.add(name);
    }
    return collection.withTenant(name);
  }

  /** The tenant's passages to read: none, without making a Weaviate tenant, when it has no documents indexed. */
  private Optional<CollectionHandle<Map<String, Object>>> passagesToRead(UUID tenant) throws IOException {
    String name = tenant.toString();
    CollectionHandle<Map<String, Object>> collection = client.collections.use(passages);
    if (!tenants.contains(name)) {
      if (!collection.tenants.exists(name)) {
        return Optional.empty();
      }
      tenants.add(name);
    }
    return Optional.of(collection.withTenant(name));
  }

  /**
   * Weaviate's relative-score fusion at this service's weight of meaning. Its words part matches any of the words: the
   * client (6.3.0) sends no BM25 operator with a hybrid search, where the embedded index requires every word.
   */
  private static Hybrid.Builder hybridOf(Hybrid.Builder h, float[] vector) {
    return h.nearVector(NearVector.of(Target.vector(VECTOR, Vectors.unit(vector))))
        .alpha((float) RelativeScoreFusion.ALPHA).fusionType(Hybrid.FusionType.RELATIVE_SCORE);
  }

  /** BM25 with every word, or with any one. */
  private static SearchOperator words(boolean everyWord) {
    return everyWord ? SearchOperator.and() : SearchOperator.or(1);
  }

  private static void deleted(DeleteManyResponse response) {
    if (response.failed() > 0) {
      throw new IllegalStateException("Weaviate did not delete " + response.failed() + " of "
          + response.matches() + " object(s)");
    }
  }

  private static void inserted(InsertManyResponse response) {
    if (!response.errors().isEmpty()) {
      throw new IllegalStateException("Weaviate refused " + response.errors().size() + " object(s): "
          + response.errors().get(0));
    }
  }

  /** The filters as one Weaviate filter, each as the embedded index reads it (the agency: all its words). */
  private static Optional<Filter> filter(NoticeFilters filters, String excluding) {
    List<FilterOperand> all = new ArrayList<>();
    if (!filters.naics().isEmpty()) {
      all.add(Filter.property(NAICS).containsAny(filters.naics()));
    }
    if (filters.setAside() != null) {
      all.add(Filter.property(SET_ASIDE).eq(filters.setAside()));
    }
    if (filters.agency() != null) {
      List<String> words = Arrays.stream(filters.agency().toLowerCase().split("[^\\p{Alnum}]+"))
          .filter(word -> !word.isEmpty()).toList();
      if (!words.isEmpty()) {
        all.add(Filter.property(AGENCY).containsAll(words));
      }
    }
    if (filters.dueFrom() != null) {
      all.add(Filter.property(DUE).gte(date(startOf(filters.dueFrom()))));
    }
    if (filters.dueTo() != null) {
      all.add(Filter.property(DUE).lt(date(startOf(filters.dueTo().plusDays(1)))));
    }
    if (excluding != null) {
      all.add(Filter.uuid().ne(noticeUuid(excluding)));
    }
    // one filter, never several: the client drops a list of them (weaviate/java-client 6.3.0)
    return all.isEmpty() ? Optional.empty() : Optional.of(Filter.and(all));
  }

  private static Optional<Filter> ofNotice(String noticeId) {
    return noticeId == null ? Optional.empty() : Optional.of(Filter.property(NOTICE_ID).eq(noticeId));
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** RFC 3339 with its seconds: the client's own dates drop them, which Weaviate refuses (java-client#605). */
  private static String date(Instant at) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
  }

  private static String noticeUuid(String noticeId) {
    return UUID.nameUUIDFromBytes(("notice/" + noticeId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static WeaviateObject<Map<String, Object>> passageObject(DocumentPassage passage, float[] vector) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(DOCUMENT_ID, passage.documentId().toString());
    putIfPresent(properties, NOTICE_ID, passage.noticeId());
    properties.put(FILE_NAME, passage.fileName());
    properties.put(PAGE, passage.page());
    properties.put(NUMBER, passage.number());
    properties.put(PASSAGE, passage.text());
    String uuid = UUID.nameUUIDFromBytes((passage.documentId() + "/" + passage.number())
        .getBytes(StandardCharsets.UTF_8)).toString();
    return WeaviateObject.of(o -> o.uuid(uuid).properties(properties).vectors(named(vector)));
  }

  /** The unit vector as this service's one named vector. */
  private static io.weaviate.client6.v1.api.collections.Vectors named(float[] vector) {
    return io.weaviate.client6.v1.api.collections.Vectors.of(VECTOR, Vectors.unit(vector));
  }

  private static void putIfPresent(Map<String, Object> properties, String name, Object value) {
    if (value != null) {
      properties.put(name, value);
    }
  }

  /** Weaviate measures a cosine distance (1 - cosine): a hit shows the cosine, as the embedded index's do. */
  private static Float cosine(QueryMetadata meta) {
    return meta.distance() == null ? null : 1 - meta.distance();
  }

  private static List<Hit> hits(QueryResponse<Map<String, Object>> response,
      Function<QueryMetadata, Float> score) {
    return response.objects().stream().map(o -> new Hit(notice(o.properties()), scoreOf(o, score))).toList();
  }

  private static List<PassageHit> passageHits(QueryResponse<Map<String, Object>> response, UUID tenant,
      Function<QueryMetadata, Float> score) {
    return response.objects().stream().map(o -> new PassageHit(passage(o.properties(), tenant), scoreOf(o, score)))
        .toList();
  }

  private static double scoreOf(WeaviateObject<Map<String, Object>> found,
      Function<QueryMetadata, Float> score) {
    Float value = found.queryMetadata() == null ? null : score.apply(found.queryMetadata());
    return value == null ? 0 : value;
  }

  private static IndexedNotice notice(Map<String, Object> p) {
    Object due = p.get(DUE);
    @SuppressWarnings("unchecked")
    List<String> naics = p.get(NAICS) instanceof List<?> codes ? (List<String>) codes : List.of();
    return new IndexedNotice((String) p.get(NOTICE_ID), (String) p.get(TITLE), (String) p.get(DESCRIPTION),
        (String) p.get(AGENCY), (String) p.get(SET_ASIDE), naics,
        due instanceof OffsetDateTime at ? at.toInstant() : due == null ? null : OffsetDateTime.parse(due.toString())
            .toInstant());
  }

  private static DocumentPassage passage(Map<String, Object> p, UUID tenant) {
    return new DocumentPassage(UUID.fromString((String) p.get(DOCUMENT_ID)), tenant, (String) p.get(NOTICE_ID),
        (String) p.get(FILE_NAME), ((Number) p.get(PAGE)).intValue(), ((Number) p.get(NUMBER)).intValue(),
        (String) p.get(PASSAGE));
  }
}
