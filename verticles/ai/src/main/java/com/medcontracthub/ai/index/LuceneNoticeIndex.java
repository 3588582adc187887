package com.medcontracthub.ai.index;

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
import java.util.concurrent.Callable;
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
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded index: one Lucene index on disk holding each notice's text (BM25, English stemming), its filter fields
 * and its vector (an HNSW graph), so a filtered search by words or by meaning reads one consistent snapshot and a
 * restart reopens it without a rebuild. The model and dimension the vectors came from are recorded with every commit;
 * opened for another model, the index is emptied rather than mixing vectors of two models.
 *
 * <p>Lucene blocks, so writes and commits run on one pool of worker threads and searches on another: a search does not
 * wait behind an fsync.
 */
public final class LuceneNoticeIndex implements NoticeIndex {

  private static final Logger LOG = LoggerFactory.getLogger(LuceneNoticeIndex.class);

  static final String MODEL = "model";
  static final String DIMENSION = "dimension";
  private static final String ID = "id";
  private static final String TITLE = "title";
  private static final String BODY = "body";
  private static final String DESCRIPTION = "description";
  private static final String AGENCY = "agency";
  private static final String SET_ASIDE = "setAside";
  private static final String NAICS = "naics";
  private static final String DUE = "due";
  private static final String VECTOR = "vector";
  /** A title's words count for more than the same words deep in a description. */
  private static final float TITLE_BOOST = 2f;

  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer;
  private final QueryBuilder queries;
  private final int candidates;
  private final WorkerExecutor writes;
  private final WorkerExecutor reads;
  private Future<Void> committing;
  private Promise<Void> nextCommit;

  private LuceneNoticeIndex(FSDirectory directory, IndexWriter writer, Analyzer analyzer, int candidates,
      WorkerExecutor writes, WorkerExecutor reads) throws IOException {
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
    WorkerExecutor writes = vertx.createSharedWorkerExecutor("mch-ai-index-writes", 2);
    WorkerExecutor reads = vertx.createSharedWorkerExecutor("mch-ai-index-reads", 2);
    return writes.executeBlocking(() -> {
      FSDirectory directory = FSDirectory.open(dir);
      Analyzer analyzer = new EnglishAnalyzer();
      IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
      try {
        Map<String, String> recorded = DirectoryReader.indexExists(directory)
            ? DirectoryReader.listCommits(directory).get(DirectoryReader.listCommits(directory).size() - 1).getUserData()
            : Map.of();
        String wanted = model + "/" + dimension;
        String had = recorded.get(MODEL) + "/" + recorded.get(DIMENSION);
        if (!recorded.isEmpty() && !had.equals(wanted)) {
          LOG.warn("ai: the index in {} holds vectors of {}, not {}: emptied; republish the opportunities to fill it",
              dir, had, wanted);
          writer.deleteAll();
        }
        writer.setLiveCommitData(Map.of(MODEL, model, DIMENSION, String.valueOf(dimension)).entrySet());
        writer.commit();
        return new LuceneNoticeIndex(directory, writer, analyzer, candidates, writes, reads);
      } catch (IOException | RuntimeException e) {
        writer.close();
        directory.close();
        throw e;
      }
    }, false).onFailure(e -> {
      writes.close();
      reads.close();
    });
  }

  @Override
  public Future<Void> put(IndexedNotice notice, float[] vector) {
    return write(() -> {
      writer.updateDocument(new Term(ID, notice.noticeId()), document(notice, unit(vector)));
      return null;
    });
  }

  @Override
  public Future<Void> remove(String noticeId) {
    return write(() -> {
      writer.deleteDocuments(new Term(ID, noticeId));
      return null;
    });
  }

  /**
   * Group commit: one commit runs at a time, and every caller arriving while it runs shares the next one, which starts
   * after their writes. A burst of events costs a few fsyncs and segments, not one each.
   */
  @Override
  public synchronized Future<Void> durable() {
    if (committing == null) {
      committing = commit();
      return committing;
    }
    if (nextCommit == null) {
      nextCommit = Promise.promise();
    }
    return nextCommit.future();
  }

  private Future<Void> commit() {
    return write(() -> {
      writer.commit();
      searchers.maybeRefreshBlocking();
      return null;
    }).andThen(done -> committed());
  }

  private synchronized void committed() {
    committing = null;
    if (nextCommit != null) {
      Promise<Void> waiting = nextCommit;
      nextCommit = null;
      committing = commit();
      committing.onComplete(waiting);
    }
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
    float[] target = unit(vector);
    Query filter = filterQuery(filters, excluding);
    // Lucene scores a dot product as (1 + cosine) / 2: the hit shows the cosine itself
    return read(searcher -> hits(searcher,
        searcher.search(new KnnFloatVectorQuery(VECTOR, target, Math.max(k, candidates), filter), k),
        score -> 2 * score - 1));
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
    return read(searcher -> (long) searcher.getIndexReader().numDocs());
  }

  @Override
  public Future<Void> close() {
    return writes.<Void>executeBlocking(() -> {
      try (directory; writer; analyzer) {
        searchers.close();
        writer.commit();
      }
      return null;
    }, false).eventually(() -> {
      writes.close();
      reads.close();
      return Future.succeededFuture();
    });
  }

  private Future<Void> write(Callable<Void> work) {
    return writes.executeBlocking(work, false);
  }

  private interface Read<T> {
    T on(IndexSearcher searcher) throws IOException;
  }

  private <T> Future<T> read(Read<T> work) {
    return reads.executeBlocking(() -> {
      IndexSearcher searcher = searchers.acquire();
      try {
        return work.on(searcher);
      } finally {
        searchers.release(searcher);
      }
    }, false);
  }

  private interface Rescore {
    double of(float luceneScore);
  }

  private static List<Hit> hits(IndexSearcher searcher, TopDocs top, Rescore rescore) throws IOException {
    List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc scored : top.scoreDocs) {
      hits.add(new Hit(notice(searcher.storedFields().document(scored.doc)), rescore.of(scored.score)));
    }
    return hits;
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
      // words the analyzer drops entirely (only "of the") filter nothing, as an empty ILIKE pattern would not
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

  /** A dot product ranks as the cosine only between unit vectors. */
  private static float[] unit(float[] vector) {
    double norm = 0;
    for (float x : vector) {
      norm += x * x;
    }
    if (norm == 0) {
      throw new IllegalArgumentException("a vector of zeros has no direction to search by");
    }
    float scale = (float) (1 / Math.sqrt(norm));
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = vector[i] * scale;
    }
    return unit;
  }
}
