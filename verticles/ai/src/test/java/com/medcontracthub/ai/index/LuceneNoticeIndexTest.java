package com.medcontracthub.ai.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Lucene index on disk: vectors found as exact search finds them, filters, replays, restarts. */
@ExtendWith(VertxExtension.class)
@DisplayName("The embedded notice index")
class LuceneNoticeIndexTest {

  private static final int DIMENSION = 384;
  private static final List<String> NAICS = List.of("339112", "339113", "339114", "325413", "423450");
  private static final List<String> SET_ASIDES = List.of("SBA", "SDVOSBC", "WOSB", "8A");

  @TempDir
  Path dir;

  private final Random random = new Random(7);

  private LuceneNoticeIndex open(Vertx vertx, String model) {
    return LuceneNoticeIndex.open(vertx, dir, model, DIMENSION, 100).await();
  }

  private record Entry(IndexedNotice notice, float[] vector) {
  }

  /** Vectors in clusters, as embeddings of texts on a few subjects are, with each notice's filter fields drawn. */
  private List<Entry> entries(int count) {
    List<float[]> centres = IntStream.range(0, 40).mapToObj(i -> gaussian(1)).toList();
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      float[] centre = centres.get(random.nextInt(centres.size()));
      float[] noise = gaussian(0.6);
      float[] vector = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        vector[d] = centre[d] + noise[d];
      }
      entries.add(new Entry(notice("n" + i, "Notice " + i, "Supplies of kind " + i + ".",
          NAICS.get(random.nextInt(NAICS.size())), SET_ASIDES.get(random.nextInt(SET_ASIDES.size())),
          Instant.parse("2027-01-01T12:00:00Z").plusSeconds(86_400L * random.nextInt(60))), Vectors.unit(vector)));
    }
    return entries;
  }

  private static IndexedNotice notice(String id, String title, String description, String naics, String setAside,
      Instant due) {
    return new IndexedNotice(id, title, description, "DEPT OF DEFENSE.DEFENSE LOGISTICS AGENCY.DLA TROOP SUPPORT",
        setAside, List.of(naics), due);
  }

  private float[] gaussian(double scale) {
    float[] v = new float[DIMENSION];
    for (int d = 0; d < DIMENSION; d++) {
      v[d] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }

  /** The true 10 nearest of the entries passing the filter, by brute force. */
  private static Set<String> exact(List<Entry> entries, float[] query, Predicate<IndexedNotice> filter) {
    Set<String> ids = new HashSet<>();
    entries.stream().filter(e -> filter.test(e.notice()))
        .sorted(Comparator.comparingDouble((Entry e) -> Vectors.dot(e.vector(), query)).reversed())
        .limit(10).forEach(e -> ids.add(e.notice().noticeId()));
    return ids;
  }

  private static void putAll(LuceneNoticeIndex index, List<Entry> entries) {
    for (Entry e : entries) {
      index.put(e.notice(), e.vector()).await();
    }
    index.durable().await();
  }

  @Test
  @DisplayName("finds at least 95 % of the true 10 nearest neighbours, with and without filters")
  void recallAgainstExactSearch(Vertx vertx) {
    List<Entry> entries = entries(3_000);
    LuceneNoticeIndex index = open(vertx, "test-model");
    putAll(index, entries);
    NoticeFilters byNaics = new NoticeFilters(List.of("339113"), null, null, null, null);
    NoticeFilters bySetAsideAndDue = new NoticeFilters(List.of(), "SDVOSBC", null, LocalDate.parse("2027-01-10"),
        LocalDate.parse("2027-02-10"));
    Instant dueFrom = Instant.parse("2027-01-10T00:00:00Z");
    Instant dueTo = Instant.parse("2027-02-11T00:00:00Z");
    double[] found = new double[3];
    int queries = 60;
    for (int q = 0; q < queries; q++) {
      float[] query = entries.get(random.nextInt(entries.size())).vector().clone();
      query[q % DIMENSION] += 0.05f;
      found[0] += recall(index, query, NoticeFilters.NONE, exact(entries, query, n -> true));
      found[1] += recall(index, query, byNaics, exact(entries, query, n -> n.naicsCodes().contains("339113")));
      found[2] += recall(index, query, bySetAsideAndDue, exact(entries, query, n -> n.setAside().equals("SDVOSBC")
          && !n.responseDeadline().isBefore(dueFrom) && n.responseDeadline().isBefore(dueTo)));
    }
    System.out.printf("index recall@10 over %d vectors: unfiltered %.3f, one NAICS %.3f, set-aside and due %.3f%n",
        entries.size(), found[0] / queries, found[1] / queries, found[2] / queries);
    for (double sum : found) {
      assertTrue(sum / queries >= 0.95, "recall@10 " + sum / queries);
    }
    index.close().await();
  }

  private static double recall(LuceneNoticeIndex index, float[] query, NoticeFilters filters, Set<String> truth) {
    List<Hit> hits = index.nearest(query, filters, 10, null).await();
    return hits.stream().filter(h -> truth.contains(h.notice().noticeId())).count() / (double) truth.size();
  }

  @Test
  @DisplayName("a notice put again replaces itself, a removed one leaves every search, and a restart keeps the rest")
  void replaysRemovalsAndRestarts(Vertx vertx) {
    List<Entry> entries = entries(20);
    LuceneNoticeIndex index = open(vertx, "test-model");
    putAll(index, entries);
    putAll(index, entries);
    assertEquals(20L, index.size().await(), "replayed puts do not add notices");
    index.remove("n3").await();
    index.durable().await();
    assertTrue(index.nearest(entries.get(3).vector(), NoticeFilters.NONE, 20, null).await().stream()
        .noneMatch(h -> h.notice().noticeId().equals("n3")));
    assertTrue(index.keyword("kind 3", false, NoticeFilters.NONE, 20).await().stream()
        .noneMatch(h -> h.notice().noticeId().equals("n3")));
    index.close().await();

    LuceneNoticeIndex reopened = open(vertx, "test-model");
    assertEquals(19L, reopened.size().await());
    assertArrayEquals(entries.get(5).vector(), reopened.vectorOf("n5").await().orElseThrow(), 1e-6f);
    assertEquals("n5", reopened.nearest(entries.get(5).vector(), NoticeFilters.NONE, 1, null).await().get(0)
        .notice().noticeId());
    reopened.close().await();

    LuceneNoticeIndex otherModel = open(vertx, "another-model");
    assertEquals(0L, otherModel.size().await(), "vectors of another model are not kept");
    otherModel.close().await();
  }


  @Test
  @DisplayName("has each write in its last commit once durable() after it completes, with 200 callers sharing commits")
  void groupCommit(Vertx vertx) {
    LuceneNoticeIndex index = open(vertx, "test-model");
    List<Future<Boolean>> checks = entries(200).stream().map(e -> index.put(e.notice(), e.vector())
        .compose(v -> index.durable())
        .compose(v -> vertx.executeBlocking(() -> CommittedNotices.in(dir).contains(e.notice().noticeId())))).toList();
    Future.all(checks).await();
    assertTrue(checks.stream().allMatch(Future::result), "every caller's notice is in a commit when it is told so");
    index.close().await();
  }

  @Test
  @DisplayName("a disk that fills under a write leaves the index unable to write, and says why; searches still answer")
  void diskFull(Vertx vertx) {
    AtomicBoolean full = new AtomicBoolean();
    LuceneNoticeIndex.Disk filling = path -> new FilterDirectory(FSDirectory.open(path)) {
      @Override
      public IndexOutput createOutput(String name, IOContext context) throws IOException {
        if (full.get()) {
          throw new IOException("No space left on device");
        }
        return super.createOutput(name, context);
      }
    };
    LuceneNoticeIndex index = LuceneNoticeIndex.open(vertx, dir, "test-model", DIMENSION, 100,
        LuceneNoticeIndex.QUIET_MS, filling).await();
    List<Entry> entries = entries(20);
    putAll(index, entries.subList(0, 10));
    assertEquals(Optional.empty(), index.writeFailure());
    full.set(true);
    assertThrows(Throwable.class, () -> index.put(entries.get(10).notice(), entries.get(10).vector()).await(),
        "the new segment's first file cannot be made");
    Throwable failure = index.writeFailure().orElseThrow(() -> new AssertionError("the writer's failure is kept"));
    assertTrue(String.valueOf(failure).contains("No space left on device"), failure.toString());
    full.set(false);
    assertThrows(Throwable.class, () -> index.put(entries.get(11).notice(), entries.get(11).vector()).await(),
        "nothing is written after it, even with room again: it takes a restart");
    assertEquals(10L, index.size().await(), "what was committed is still searched");
    index.close().otherwiseEmpty().await();
  }

  @Test
  @DisplayName("closing while commits run fails or completes every waiter, and keeps what it said was durable")
  void closeWhileCommitting(Vertx vertx) throws IOException {
    LuceneNoticeIndex index = open(vertx, "test-model");
    List<Entry> entries = entries(100);
    List<Future<Void>> waits = new ArrayList<>();
    for (Entry e : entries) {
      waits.add(index.put(e.notice(), e.vector()).compose(v -> index.durable()));
    }
    index.close().await();
    Future.join(waits).otherwiseEmpty().await();
    assertTrue(waits.stream().allMatch(Future::isComplete), "no waiter is left hanging");
    Set<String> kept = CommittedNotices.in(dir);
    for (int i = 0; i < entries.size(); i++) {
      if (waits.get(i).succeeded()) {
        assertTrue(kept.contains(entries.get(i).notice().noticeId()), "durable, then lost: n" + i);
      }
    }
    assertTrue(index.put(entries.get(0).notice(), entries.get(0).vector()).failed(), "a closed index takes no writes");
  }

  @Test
  @DisplayName("merges its segments into one once writes go quiet, still finding every notice")
  void compactsWhenQuiet(Vertx vertx) {
    LuceneNoticeIndex index = LuceneNoticeIndex.open(vertx, dir, "test-model", DIMENSION, 100, 300).await();
    List<Entry> entries = entries(3);
    for (Entry e : entries) {
      index.put(e.notice(), e.vector()).compose(v -> index.durable()).await();
    }
    assertEquals(3, index.segments().await(), "a commit after each write: a segment each");
    Eventually.untilTrue(vertx, () -> index.segments().map(count -> count == 1), 10_000, "one segment").await();
    for (Entry e : entries) {
      assertEquals(e.notice().noticeId(), index.nearest(e.vector(), NoticeFilters.NONE, 1, null).await().get(0)
          .notice().noticeId());
    }
    index.close().await();
  }

  @Test
  @DisplayName("filters by NAICS, set-aside, the agency's words and the deadline's days, and leaves out the notice asked about")
  void filters(Vertx vertx) {
    LuceneNoticeIndex index = open(vertx, "test-model");
    float[] v = Vectors.unit(gaussian(1));
    IndexedNotice gloves = new IndexedNotice("g", "Nitrile gloves", "Exam gloves.",
        "VETERANS AFFAIRS, DEPARTMENT OF.NATIONAL ACQUISITION CENTER (36C797)", "SBA", List.of("339113"),
        Instant.parse("2027-01-15T17:00:00Z"));
    IndexedNotice gowns = new IndexedNotice("w", "Isolation gowns", "Gowns.",
        "DEPT OF DEFENSE.DEFENSE LOGISTICS AGENCY.DLA TROOP SUPPORT", "WOSB", List.of("339113", "315990"), null);
    index.put(gloves, v).await();
    index.put(gowns, v).await();
    index.durable().await();

    assertEquals(List.of("w"), ids(index, v, new NoticeFilters(List.of("315990", "111111"), null, null, null, null)));
    assertEquals(List.of("g"), ids(index, v, new NoticeFilters(List.of(), "SBA", null, null, null)));
    assertEquals(List.of("g"), ids(index, v, new NoticeFilters(List.of(), null, "national acquisition", null, null)));
    assertEquals(List.of(), ids(index, v, new NoticeFilters(List.of(), null, "acquisition national", null, null)));
    assertEquals(List.of("g"), ids(index, v, new NoticeFilters(List.of(), null, null, LocalDate.parse("2027-01-15"),
        LocalDate.parse("2027-01-15"))), "a deadline on the last day of the range is in it");
    assertEquals(List.of(), ids(index, v, new NoticeFilters(List.of(), null, null, LocalDate.parse("2027-01-16"), null)));
    assertEquals(List.of("w"), index.nearest(v, NoticeFilters.NONE, 10, "g").await().stream()
        .map(h -> h.notice().noticeId()).toList());
    index.close().await();
  }

  private static List<String> ids(LuceneNoticeIndex index, float[] near, NoticeFilters filters) {
    return index.nearest(near, filters, 10, null).await().stream().map(h -> h.notice().noticeId()).sorted().toList();
  }
}
