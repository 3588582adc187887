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
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded index: one Lucene index on disk holding each notice's text (BM25, English stemming), its filter fields
 * and its vector (an HNSW graph), and the passages of the tenants' documents in fields of their own (their own text
 * field and vector graph, so a search of notices never weighs a passage). A filtered search by words or by meaning
 * reads one consistent snapshot, and a restart reopens it without a rebuild. The model and dimension the vectors came from are recorded with every commit;
 * opened for another model, the index is emptied rather than mixing vectors of two models.
 *
 * <p>Lucene blocks, so writes and commits run on one pool of worker threads and searches on another: a search does not
 * wait behind an fsync.
 */
public final class LuceneNoticeIndex implements NoticeIndex {

  private static final Logger LOG = LoggerFactory.getLogger(LuceneNoticeIndex.class);

  static final String MODEL = "model";
  static final String DIMENSION = "dimension";
  /** The field holding a notice's id, stored. */
  public static final String ID = "id";
  private static final String VECTOR = "vector";
  /** A passage's own fields: a notice's are never on a passage, so each search reads only its kind. */
  private static final String DOCUMENT = "document";
  private static final String TENANT = "tenant";
  private static final String PASSAGE_NOTICE = "passageNotice";
  private static final String PASSAGE_VECTOR = "passageVector";
  /** How long writes must pause before the index is merged into one segment. */
  static final long QUIET_MS = 30_000;
  /** A title's words count for more than the same words deep in a description. */
  private static final float TITLE_BOOST = 2f;

  private final Vertx vertx;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer;
  private final QueryBuilder queries;
  private final int candidates;
  private final WorkerExecutor writes;
  private final WorkerExecutor reads;
  private Future<Void> committing;
  private Promise<Void> nextCommit;
  private volatile boolean closed;
  private volatile long lastWrite = System.nanoTime();
  private boolean compacting;
  private volatile long compactor = -1;

  private LuceneNoticeIndex(Vertx vertx, Directory directory, IndexWriter writer, Analyzer analyzer, int candidates,
      WorkerExecutor writes, WorkerExecutor reads) throws IOException {
    this.vertx = vertx;
    this.directory = directory;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
    this.analyzer = analyzer;
    this.queries = new QueryBuilder(analyzer);
    this.candidates = candidates;
    this.writes = writes;
    this.reads = reads;
  }

  /**
   * Opens (or creates) the index in {@code dir} for vectors of {@code model}, {@code dimension} long; the vector
   * search weighs {@code candidates} per query.
   */
  public static Future<LuceneNoticeIndex> open(Vertx vertx, Path dir, String model, int dimension, int candidates) {
    return open(vertx, dir, model, dimension, candidates, QUIET_MS);
  }

  /** How the index's files are opened: the file system's, or in a test a disk that fills. */
  interface Disk {
    Directory open(Path dir) throws IOException;
  }

  /** As {@link #open(Vertx, Path, String, int, int)}, merged into one segment once writes are quiet for {@code quietMs}. */
  static Future<LuceneNoticeIndex> open(Vertx vertx, Path dir, String model, int dimension, int candidates,
      long quietMs) {
    return open(vertx, dir, model, dimension, candidates, quietMs, FSDirectory::open);
  }

  static Future<LuceneNoticeIndex> open(Vertx vertx, Path dir, String model, int dimension, int candidates,
      long quietMs, Disk disk) {
    WorkerExecutor writes = vertx.createSharedWorkerExecutor("mch-ai-index-writes", 2);
    WorkerExecutor reads = vertx.createSharedWorkerExecutor("mch-ai-index-reads", 2);
    return writes.executeBlocking(() -> {
      Analyzer analyzer = new EnglishAnalyzer();
      Directory directory = null;
      IndexWriter writer = null;
      try {
        directory = disk.open(dir);
        writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
        List<IndexCommit> commits = DirectoryReader.indexExists(directory) ? DirectoryReader.listCommits(directory)
            : List.of();
        Map<String, String> recorded = commits.isEmpty() ? Map.of() : commits.get(commits.size() - 1).getUserData();
        String wanted = model + "/" + dimension;
        String had = recorded.get(MODEL) + "/" + recorded.get(DIMENSION);
        if (!recorded.isEmpty() && !had.equals(wanted)) {
          LOG.warn("ai: the index in {} holds vectors of {}, not {}: emptied; ./mch backfill vectors fills it",
              dir, had, wanted);
          writer.deleteAll();
        }
        writer.setLiveCommitData(Map.of(MODEL, model, DIMENSION, String.valueOf(dimension)).entrySet());
        writer.commit();
        return new LuceneNoticeIndex(vertx, directory, writer, analyzer, candidates, writes, reads);
      } catch (IOException | RuntimeException e) {
        // rollback, not close: closing would commit what this failed open changed
        try (Analyzer a = analyzer; Directory d = directory) {
          if (writer != null) {
            writer.rollback();
          }
        }
        throw e;
      }
    }, false).onFailure(e -> {
      writes.close();
      reads.close();
    }).onSuccess(index -> index.compactor = vertx.setPeriodic(Math.max(1, quietMs / 2), id -> index.compactWhenQuiet(
        TimeUnit.MILLISECONDS.toNanos(quietMs))));
  }

  @Override
  public Future<Void> put(IndexedNotice notice, float[] vector) {
    lastWrite = System.nanoTime();
    return write(() -> {
      writer.updateDocument(new Term(ID, notice.noticeId()), document(notice, Vectors.unit(vector)));
      return null;
    });
  }

  @Override
  public Future<Void> remove(String noticeId) {
    lastWrite = System.nanoTime();
    return write(() -> {
      writer.deleteDocuments(new Term(ID, noticeId));
      return null;
    });
  }

  @Override
  public Future<Void> putPassages(UUID tenant, UUID documentId, List<DocumentPassage> passages,
      List<float[]> vectors) {
    lastWrite = System.nanoTime();
    return write(() -> {
      List<Document> docs = new ArrayList<>(passages.size());
      for (int i = 0; i < passages.size(); i++) {
        docs.add(document(passages.get(i), Vectors.unit(vectors.get(i))));
      }
      // one block: a search sees the document's old passages or its new ones, never a mix
      writer.updateDocuments(new Term(DOCUMENT, documentId.toString()), docs);
      return null;
    });
  }

  @Override
  public Future<Void> removeDocument(UUID tenant, UUID documentId) {
    lastWrite = System.nanoTime();
    return write(() -> {
      writer.deleteDocuments(new Term(DOCUMENT, documentId.toString()));
      return null;
    });
  }

  /**
   * Group commit: one commit runs at a time, and every caller arriving while it runs shares the next one, which starts
   * after their writes. A burst of events costs a few fsyncs and segments, not one each.
   */
  @Override
  public synchronized Future<Void> durable() {
    if (closed) {
      return Future.failedFuture(closing());
    }
    if (committing == null) {
      return commit();
    }
    if (nextCommit == null) {
      nextCommit = Promise.promise();
    }
    return nextCommit.future();
  }

  /**
   * Starts a commit, with the lock held. It is the one running from before its listener is added: a commit done by then
   * (its worker was quicker than this thread) ends at once, and never leaves a finished commit looking as if it ran.
   */
  private Future<Void> commit() {
    Future<Void> commit = write(() -> {
      writer.commit();
      searchers.maybeRefreshBlocking();
      return null;
    });
    committing = commit;
    commit.onComplete(done -> committed());
    return commit;
  }

  private synchronized void committed() {
    committing = null;
    Promise<Void> waiting = nextCommit;
    nextCommit = null;
    if (waiting == null) {
      return;
    }
    if (closed) {
      waiting.fail(closing());
      return;
    }
    commit().onComplete(waiting);
  }

  @Override
  public Future<List<Hit>> keyword(String text, boolean everyWord, NoticeFilters filters, int k) {
    Query body = queries.createBooleanQuery(BODY, text, everyWord ? Occur.MUST : Occur.SHOULD);
    if (body == null) {
      return Future.succeededFuture(List.of());
    }
    // the title's words only add to a notice the body's clause matched (the body holds the title too)
    BooleanQuery.Builder words = new BooleanQuery.Builder().add(body, Occur.MUST);
    Query title = queries.createBooleanQuery(TITLE, text);
    if (title != null) {
      words.add(new BoostQuery(title, TITLE_BOOST), Occur.SHOULD);
    }
    Query query = filtered(words.build(), filters);
    return read(searcher -> hits(searcher, searcher.search(query, k), score -> score));
  }

  @Override
  public Future<List<Hit>> nearest(float[] vector, NoticeFilters filters, int k, String excluding) {
    float[] target = Vectors.unit(vector);
    Query filter = filterQuery(filters, excluding);
    // Lucene scores a dot product as (1 + cosine) / 2: the hit shows the cosine itself
    return read(searcher -> hits(searcher,
        searcher.search(new KnnFloatVectorQuery(VECTOR, target, Math.max(k, candidates), filter), k),
        score -> 2 * score - 1));
  }

  @Override
  public Future<List<PassageHit>> passagesByWords(String text, boolean everyWord, UUID tenant, String noticeId,
      int k) {
    Query words = queries.createBooleanQuery(PASSAGE, text, everyWord ? Occur.MUST : Occur.SHOULD);
    if (words == null) {
      return Future.succeededFuture(List.of());
    }
    Query query = new BooleanQuery.Builder().add(words, Occur.MUST).add(ofTenant(tenant, noticeId), Occur.FILTER)
        .build();
    return read(searcher -> passageHits(searcher, searcher.search(query, k), score -> score));
  }

  @Override
  public Future<List<PassageHit>> nearestPassages(float[] vector, UUID tenant, String noticeId, int k) {
    KnnFloatVectorQuery query = new KnnFloatVectorQuery(PASSAGE_VECTOR, Vectors.unit(vector), Math.max(k, candidates),
        ofTenant(tenant, noticeId));
    return read(searcher -> passageHits(searcher, searcher.search(query, k), score -> 2 * score - 1));
  }

  @Override
  public Future<List<Hit>> hybrid(String text, float[] vector, NoticeFilters filters, int k) {
    return RelativeScoreFusion.hybrid(keyword(text, true, filters, RelativeScoreFusion.DEPTH),
        nearest(vector, filters, RelativeScoreFusion.DEPTH, null), k);
  }

  @Override
  public Future<List<PassageHit>> hybridPassages(String text, float[] vector, UUID tenant, String noticeId, int k) {
    return RelativeScoreFusion.hybrid(passagesByWords(text, true, tenant, noticeId, RelativeScoreFusion.DEPTH),
        nearestPassages(vector, tenant, noticeId, RelativeScoreFusion.DEPTH), k);
  }

  @Override
  public Future<Optional<IndexedNotice>> stored(String noticeId) {
    return read(searcher -> {
      TopDocs found = searcher.search(new TermQuery(new Term(ID, noticeId)), 1);
      return found.scoreDocs.length == 0 ? Optional.empty()
          : Optional.of(notice(searcher.storedFields().document(found.scoreDocs[0].doc)));
    });
  }

  @Override
  public Future<Optional<float[]>> vectorOf(String noticeId) {
    return read(searcher -> {
      TopDocs found = searcher.search(new TermQuery(new Term(ID, noticeId)), 1);
      if (found.scoreDocs.length == 0) {
        return Optional.empty();
      }
      int doc = found.scoreDocs[0].doc;
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        int local = doc - leaf.docBase;
        if (local >= 0 && local < leaf.reader().maxDoc()) {
          FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
          if (values != null && values.advance(local) == local) {
            return Optional.of(values.vectorValue().clone());
          }
        }
      }
      return Optional.empty();
    });
  }

  @Override
  public Future<Long> size() {
    return read(searcher -> (long) searcher.count(new FieldExistsQuery(VECTOR)));
  }

  /** Lucene's writer closes itself on a tragic error (a full disk, a failed flush): nothing is written after it. */
  @Override
  public Optional<Throwable> writeFailure() {
    return Optional.ofNullable(writer.getTragicException());
  }

  /** The segments a search reads now. */
  public Future<Integer> segments() {
    return read(searcher -> searcher.getIndexReader().leaves().size());
  }

  /**
   * Once no write has come for the quiet period, the index is merged into one segment: a search reads every segment's
   * graph, so a dozen segments left by a burst of writes make it several times slower than one (the figures are in
   * docs/performance.md). Writes go on meanwhile, into new segments.
   */
  private void compactWhenQuiet(long quietNanos) {
    synchronized (this) {
      if (closed || compacting || System.nanoTime() - lastWrite < quietNanos) {
        return;
      }
      compacting = true;
    }
    segments().compose(count -> count <= 1 ? Future.succeededFuture() : write(() -> {
      long started = System.nanoTime();
      writer.forceMerge(1);
      writer.commit();
      searchers.maybeRefreshBlocking();
      LOG.info("ai: the index's {} segments merged into one in {} ms", count,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return null;
    })).onComplete(done -> {
      if (done.failed() && !closed) {
        LOG.warn("ai: the index's segments were not merged: {}", done.cause().toString());
      }
      synchronized (this) {
        compacting = false;
      }
    });
  }

  /**
   * Lets the commit under way end (a caller waiting for the next one is failed: its event comes again), then commits
   * and closes. Writes still arriving fail.
   */
  @Override
  public Future<Void> close() {
    Future<Void> settled;
    synchronized (this) {
      closed = true;
      vertx.cancelTimer(compactor);
      settled = committing == null ? Future.succeededFuture() : committing.otherwiseEmpty();
    }
    return settled.compose(v -> writes.<Void>executeBlocking(() -> {
      try (directory; writer; analyzer) {
        searchers.close();
        writer.commit();
      }
      return null;
    }, false)).eventually(() -> {
      writes.close();
      reads.close();
      return Future.succeededFuture();
    });
  }

  /**
   * On the writes' threads; refused once the index closes (an executor closed under a caller throws instead), and a
   * write the closing writer refused is said to be refused for that.
   */
  private Future<Void> write(Callable<Void> work) {
    if (closed) {
      return Future.failedFuture(closing());
    }
    try {
      return writes.executeBlocking(work, false).recover(e -> Future.failedFuture(closed ? closing() : e));
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(closing());
    }
  }

  private static IndexClosing closing() {
    return new IndexClosing();
  }

  private interface Read<T> {
    T on(IndexSearcher searcher) throws IOException;
  }

  private <T> Future<T> read(Read<T> work) {
    if (closed) {
      return Future.failedFuture(closing());
    }
    try {
      return reads.<T>executeBlocking(() -> {
        IndexSearcher searcher = searchers.acquire();
        try {
          return work.on(searcher);
        } finally {
          searchers.release(searcher);
        }
      }, false).recover(e -> Future.failedFuture(closed ? closing() : e));
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(closing());
    }
  }

  private interface Rescore {
    double of(float luceneScore);
  }

  /** One stored-fields reader for all of a search's hits: each reader costs a decoder of its own. */
  private static List<Hit> hits(IndexSearcher searcher, TopDocs top, Rescore rescore) throws IOException {
    StoredFields stored = searcher.storedFields();
    List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc scored : top.scoreDocs) {
      hits.add(new Hit(notice(stored.document(scored.doc)), rescore.of(scored.score)));
    }
    return hits;
  }

  private static List<PassageHit> passageHits(IndexSearcher searcher, TopDocs top, Rescore rescore)
      throws IOException {
    StoredFields stored = searcher.storedFields();
    List<PassageHit> hits = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc scored : top.scoreDocs) {
      hits.add(new PassageHit(passage(stored.document(scored.doc)), rescore.of(scored.score)));
    }
    return hits;
  }

  /** A tenant's passages, of one notice's documents unless {@code noticeId} is null. */
  private static Query ofTenant(UUID tenant, String noticeId) {
    BooleanQuery.Builder filter = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(TENANT, tenant.toString())), Occur.FILTER);
    if (noticeId != null) {
      filter.add(new TermQuery(new Term(PASSAGE_NOTICE, noticeId)), Occur.FILTER);
    }
    return filter.build();
  }

  private Query filtered(Query query, NoticeFilters filters) {
    Query filter = filterQuery(filters, null);
    return filter == null ? query
        : new BooleanQuery.Builder().add(query, Occur.MUST).add(filter, Occur.FILTER).build();
  }

  /** The filters as one query (null: none), matching the opportunities service's meaning of each. */
  private Query filterQuery(NoticeFilters filters, String excluding) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    boolean any = false;
    if (!filters.naics().isEmpty()) {
      BooleanQuery.Builder naics = new BooleanQuery.Builder();
      filters.naics().forEach(code -> naics.add(new TermQuery(new Term(NAICS, code)), Occur.SHOULD));
      all.add(naics.build(), Occur.FILTER);
      any = true;
    }
    if (filters.setAside() != null) {
      all.add(new TermQuery(new Term(SET_ASIDE, filters.setAside())), Occur.FILTER);
      any = true;
    }
    if (filters.agency() != null) {
      Query agency = queries.createPhraseQuery(AGENCY, agencyWords(filters.agency()));
      // an agency given only as words the analyzer drops ("of the") leaves no words to filter by: it filters nothing
      if (agency != null) {
        all.add(agency, Occur.FILTER);
        any = true;
      }
    }
    if (filters.dueFrom() != null || filters.dueTo() != null) {
      long from = filters.dueFrom() == null ? Long.MIN_VALUE : startOf(filters.dueFrom());
      long to = filters.dueTo() == null ? Long.MAX_VALUE : startOf(filters.dueTo().plusDays(1)) - 1;
      all.add(LongPoint.newRangeQuery(DUE, from, to), Occur.FILTER);
      any = true;
    }
    if (excluding != null) {
      if (!any) {
        all.add(new MatchAllDocsQuery(), Occur.FILTER);
      }
      all.add(new TermQuery(new Term(ID, excluding)), Occur.MUST_NOT);
      any = true;
    }
    return any ? all.build() : null;
  }

  private static long startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static Document document(IndexedNotice notice, float[] vector) {
    Document doc = new Document();
    doc.add(new StringField(ID, notice.noticeId(), Field.Store.YES));
    doc.add(new TextField(TITLE, notice.title(), Field.Store.YES));
    doc.add(new TextField(BODY, notice.text(), Field.Store.NO));
    doc.add(new StoredField(DESCRIPTION, notice.description() == null ? "" : notice.description()));
    if (notice.agency() != null) {
      doc.add(new StoredField(AGENCY, notice.agency()));
      doc.add(new TextField(AGENCY, agencyWords(notice.agency()), Field.Store.NO));
    }
    if (notice.setAside() != null) {
      doc.add(new StringField(SET_ASIDE, notice.setAside(), Field.Store.YES));
    }
    notice.naicsCodes().forEach(code -> doc.add(new StringField(NAICS, code, Field.Store.YES)));
    if (notice.responseDeadline() != null) {
      long due = notice.responseDeadline().toEpochMilli();
      doc.add(new LongPoint(DUE, due));
      doc.add(new StoredField(DUE, due));
    }
    doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
    return doc;
  }

  private static Document document(DocumentPassage passage, float[] vector) {
    Document doc = new Document();
    doc.add(new StringField(DOCUMENT, passage.documentId().toString(), Field.Store.YES));
    doc.add(new StringField(TENANT, passage.tenant().toString(), Field.Store.YES));
    if (passage.noticeId() != null) {
      doc.add(new StringField(PASSAGE_NOTICE, passage.noticeId(), Field.Store.YES));
    }
    doc.add(new StoredField(FILE_NAME, passage.fileName()));
    doc.add(new StoredField(PAGE, passage.page()));
    doc.add(new StoredField(NUMBER, passage.number()));
    doc.add(new TextField(PASSAGE, passage.text(), Field.Store.YES));
    doc.add(new KnnFloatVectorField(PASSAGE_VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
    return doc;
  }

  private static DocumentPassage passage(Document doc) {
    return new DocumentPassage(UUID.fromString(doc.get(DOCUMENT)), UUID.fromString(doc.get(TENANT)),
        doc.get(PASSAGE_NOTICE), doc.get(FILE_NAME), doc.getField(PAGE).numericValue().intValue(),
        doc.getField(NUMBER).numericValue().intValue(), doc.get(PASSAGE));
  }

  /**
   * SAM.gov joins an agency's levels with dots ("DEPARTMENT OF.NATIONAL ACQUISITION CENTER"), which a word tokenizer
   * keeps inside one word ("of.national"): split there.
   */
  private static String agencyWords(String agency) {
    return agency.replace('.', ' ');
  }

  private static IndexedNotice notice(Document doc) {
    IndexableField due = doc.getField(DUE);
    return new IndexedNotice(doc.get(ID), doc.get(TITLE), doc.get(DESCRIPTION), doc.get(AGENCY), doc.get(SET_ASIDE),
        Arrays.asList(doc.getValues(NAICS)), due == null ? null : Instant.ofEpochMilli(due.numericValue().longValue()));
  }
}
