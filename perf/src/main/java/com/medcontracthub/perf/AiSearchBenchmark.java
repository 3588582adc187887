package com.medcontracthub.perf;

import com.medcontracthub.ai.embed.Embedder;
import com.medcontracthub.ai.index.Hit;
import com.medcontracthub.ai.index.IndexedNotice;
import com.medcontracthub.ai.index.LuceneNoticeIndex;
import com.medcontracthub.ai.index.NoticeFilters;
import com.medcontracthub.ai.index.Vectors;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The AI service's two costs on this machine. Embeddings: texts of notice length embedded per second by the product's
 * {@link Embedder}, one text per call and in batches. The index: at N vectors (clustered unit vectors of the model's
 * dimension; embedding 100,000 real texts would take a quarter of an hour), build time, queries per second and
 * recall@10 against exact brute force computed in the same run, for the product's Lucene index (through its own async
 * API, 4 queries in flight, the filter a fifth of the notices or none) and for jvector's in-memory graph with the same
 * M and beam (searched in one thread per core, no filter).
 *
 * <p>Usage: {@code AiSearchBenchmark [vectors] [queries] [candidates,...]} (100000, 500, 50,20: the candidate counts
 * measured on the merged index after the product's own). Everything runs in the harness JVM.
 */
public final class AiSearchBenchmark {

  private static final int DIMENSION = Embedder.DIMENSION;
  private static final int K = 10;
  private static final int M = 16;
  private static final int BEAM = 100;
  private static final int CANDIDATES = 80;
  private static final List<String> NAICS = List.of("339112", "339113", "339114", "325413", "423450");

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int[] reopenedWith = Arrays.stream((args.length > 2 ? args[2] : "50,20").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    Vertx vertx = Vertx.vertx();
    try {
      embeddings(vertx);
      Random random = new Random(11);
      List<float[]> centres = IntStream.range(0, 200).mapToObj(i -> gaussian(random, 1)).toList();
      List<float[]> vectors = new ArrayList<>(count);
      List<String> naics = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        vectors.add(near(centres.get(random.nextInt(centres.size())), random));
        naics.add(NAICS.get(random.nextInt(NAICS.size())));
      }
      List<float[]> asked = IntStream.range(0, queries)
          .mapToObj(i -> near(centres.get(random.nextInt(centres.size())), random)).toList();
      long started = System.nanoTime();
      List<Set<Integer>> exact = new ArrayList<>();
      List<Set<Integer>> exactFiltered = new ArrayList<>();
      for (float[] q : asked) {
        exact.add(bruteForce(vectors, q, i -> true));
        exactFiltered.add(bruteForce(vectors, q, i -> naics.get(i).equals("339113")));
      }
      double bruteQps = 2.0 * queries / seconds(started);
      System.out.printf("exact brute force (one thread): %.0f queries/s over %d vectors%n", bruteQps, count);
      lucene(vertx, vectors, naics, asked, exact, exactFiltered, reopenedWith);
      jvector(vectors, asked, exact);
    } finally {
      vertx.close().await();
    }
  }

  private static void embeddings(Vertx vertx) {
    Embedder embedder = new Embedder(vertx, 2, 10_000);
    List<String> texts = IntStream.range(0, 256).mapToObj(i -> "Solicitation " + i + " for nitrile examination gloves,"
        + " powder-free, sizes XS through XL, 100 gloves per box. Gloves shall meet ASTM D6319 and have an AQL of 1.5 or"
        + " better. Delivery FOB destination to VA medical centers nationwide within 30 days of order.").toList();
    embedder.embedAll(texts.subList(0, 16)).await();
    long started = System.nanoTime();
    for (String text : texts) {
      embedder.embed(text).await();
    }
    double single = texts.size() / seconds(started);
    started = System.nanoTime();
    for (int i = 0; i < texts.size(); i += 32) {
      embedder.embedAll(texts.subList(i, i + 32)).await();
    }
    double batched = texts.size() / seconds(started);
    System.out.printf("embeddings (%d texts of ~50 words, 2 threads): one per call %.0f texts/s, 32 per call %.0f "
        + "texts/s%n", texts.size(), single, batched);
    embedder.close();
  }

  private static void lucene(Vertx vertx, List<float[]> vectors, List<String> naics, List<float[]> asked,
      List<Set<Integer>> exact, List<Set<Integer>> exactFiltered, int[] reopenedWith) throws Exception {
    Path dir = Files.createTempDirectory("mch-ai-bench");
    LuceneNoticeIndex index = LuceneNoticeIndex.open(vertx, dir, "bench", DIMENSION, CANDIDATES).await();
    long started = System.nanoTime();
    int inFlight = 64;
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> writers = new ArrayList<>();
    for (int w = 0; w < inFlight; w++) {
      writers.add(write(index, vectors, naics, next));
    }
    Future.all(writers).await();
    index.durable().await();
    System.out.printf("lucene build: %.1f s for %d vectors (%d in flight, committed), %d segments%n",
        seconds(started), vectors.size(), inFlight, index.segments().await());
    both(index, asked, exact, exactFiltered, "as built, " + CANDIDATES + " candidates");
    started = System.nanoTime();
    while (index.segments().await() > 1) {
      Thread.sleep(200);
    }
    System.out.printf("lucene: one segment %.1f s after the last write (30 s quiet, then the merge)%n",
        seconds(started));
    both(index, asked, exact, exactFiltered, "one segment, " + CANDIDATES + " candidates");
    index.close().await();
    for (int candidates : reopenedWith) {
      started = System.nanoTime();
      LuceneNoticeIndex reopened = LuceneNoticeIndex.open(vertx, dir, "bench", DIMENSION, candidates).await();
      System.out.printf("lucene: reopened in %.2f s, %d notices%n", seconds(started), reopened.size().await());
      both(reopened, asked, exact, exactFiltered, "one segment, " + candidates + " candidates");
      reopened.close().await();
    }
  }

  private static void both(LuceneNoticeIndex index, List<float[]> asked, List<Set<Integer>> exact,
      List<Set<Integer>> exactFiltered, String label) {
    NoticeFilters oneNaics = new NoticeFilters(List.of("339113"), null, null, null, null);
    for (int pass = 0; pass < 2; pass++) {
      measure(index, asked, NoticeFilters.NONE, exact, pass == 0 ? null : label + ", no filter");
      measure(index, asked, oneNaics, exactFiltered, pass == 0 ? null : label + ", a fifth (NAICS)");
    }
  }

  private static Future<Void> write(LuceneNoticeIndex index, List<float[]> vectors, List<String> naics,
      AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= vectors.size()) {
      return Future.succeededFuture();
    }
    IndexedNotice notice = new IndexedNotice(Integer.toString(i), "Notice " + i, "", "AGENCY", "SBA",
        List.of(naics.get(i)), Instant.parse("2027-01-01T00:00:00Z"));
    return index.put(notice, vectors.get(i)).compose(v -> write(index, vectors, naics, next));
  }

  private static void measure(LuceneNoticeIndex index, List<float[]> asked, NoticeFilters filters,
      List<Set<Integer>> truth, String label) {
    AtomicInteger next = new AtomicInteger();
    double[] found = new double[1];
    long started = System.nanoTime();
    List<Future<Void>> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      clients.add(query(index, asked, filters, truth, next, found));
    }
    Future.all(clients).await();
    if (label != null) {
      System.out.printf("lucene (product index), %s: %.0f queries/s, recall@10 %.3f%n", label,
          asked.size() / seconds(started), found[0] / asked.size());
    }
  }

  private static Future<Void> query(LuceneNoticeIndex index, List<float[]> asked, NoticeFilters filters,
      List<Set<Integer>> truth, AtomicInteger next, double[] found) {
    int q = next.getAndIncrement();
    if (q >= asked.size()) {
      return Future.succeededFuture();
    }
    return index.nearest(asked.get(q), filters, K, null).compose(hits -> {
      synchronized (found) {
        found[0] += recall(hits.stream().map(Hit::notice).map(n -> Integer.parseInt(n.noticeId())).toList(),
            truth.get(q));
      }
      return query(index, asked, filters, truth, next, found);
    });
  }

  private static void jvector(List<float[]> vectors, List<float[]> asked, List<Set<Integer>> exact) throws Exception {
    VectorTypeSupport types = VectorizationProvider.getInstance().getVectorTypeSupport();
    List<VectorFloat<?>> wrapped = new ArrayList<>(vectors.size());
    vectors.forEach(v -> wrapped.add(types.createFloatVector(v)));
    RandomAccessVectorValues values = new ListRandomAccessVectorValues(wrapped, DIMENSION);
    var similarity = io.github.jbellis.jvector.vector.VectorSimilarityFunction.DOT_PRODUCT;
    long started = System.nanoTime();
    try (GraphIndexBuilder builder = new GraphIndexBuilder(BuildScoreProvider.randomAccessScoreProvider(values,
        similarity), DIMENSION, M, BEAM, 1.2f, 1.2f, true)) {
      ImmutableGraphIndex graph = builder.build(values);
      double build = seconds(started);
      for (int run = 0; run < 4; run++) {
        int candidates = run < 2 ? CANDIDATES : 50;
        int pass = run % 2;
        AtomicInteger next = new AtomicInteger();
        double[] found = new double[1];
        started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Runtime.getRuntime().availableProcessors(); t++) {
          Thread thread = new Thread(() -> {
            try (GraphSearcher searcher = new GraphSearcher(graph)) {
              for (int q = next.getAndIncrement(); q < asked.size(); q = next.getAndIncrement()) {
                VectorFloat<?> target = types.createFloatVector(asked.get(q));
                SearchResult result = searcher.search(DefaultSearchScoreProvider.exact(target, similarity, values),
                    K, candidates, 0f, 0f, Bits.ALL);
                List<Integer> ids = new ArrayList<>();
                for (SearchResult.NodeScore node : result.getNodes()) {
                  ids.add(node.node);
                }
                synchronized (found) {
                  found[0] += recall(ids, exact.get(q));
                }
              }
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
          thread.start();
          threads.add(thread);
        }
        for (Thread thread : threads) {
          thread.join();
        }
        if (pass == 1) {
          System.out.printf("jvector (in memory), %d candidates, no filter: %.0f queries/s, recall@10 %.3f; build %.1f s%n",
              candidates, asked.size() / seconds(started), found[0] / asked.size(), build);
        }
      }
    }
  }

  private static double recall(List<Integer> found, Set<Integer> truth) {
    return found.stream().filter(truth::contains).count() / (double) truth.size();
  }

  private interface Keep {
    boolean test(int i);
  }

  private static Set<Integer> bruteForce(List<float[]> vectors, float[] q, Keep keep) {
    int[] best = new int[K];
    double[] scores = new double[K];
    java.util.Arrays.fill(scores, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < vectors.size(); i++) {
      if (!keep.test(i)) {
        continue;
      }
      double s = Vectors.dot(vectors.get(i), q);
      if (s > scores[K - 1]) {
        int at = K - 1;
        while (at > 0 && scores[at - 1] < s) {
          scores[at] = scores[at - 1];
          best[at] = best[at - 1];
          at--;
        }
        scores[at] = s;
        best[at] = i;
      }
    }
    Set<Integer> ids = new HashSet<>();
    for (int id : best) {
      ids.add(id);
    }
    return ids;
  }

  private static float[] gaussian(Random random, double scale) {
    float[] v = new float[DIMENSION];
    for (int d = 0; d < DIMENSION; d++) {
      v[d] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }

  private static float[] near(float[] centre, Random random) {
    float[] v = gaussian(random, 0.6);
    for (int d = 0; d < DIMENSION; d++) {
      v[d] += centre[d];
    }
    return Vectors.unit(v);
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
