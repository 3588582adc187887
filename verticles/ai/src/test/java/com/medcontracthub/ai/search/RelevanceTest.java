package com.medcontracthub.ai.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.ai.embed.Embedder;
import com.medcontracthub.ai.index.IndexedNotice;
import com.medcontracthub.ai.index.LuceneNoticeIndex;
import com.medcontracthub.ai.index.NoticeFilters;
import com.medcontracthub.ai.search.AiSearchQuery.Mode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search quality on the relevance set, with the real model and the real index: nDCG@10 of each mode over every query,
 * printed, and hybrid ahead of each of the others.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Search relevance")
class RelevanceTest {

  @TempDir
  static Path dir;

  private static Embedder embedder;
  private static LuceneNoticeIndex index;
  private static NoticeSearch search;

  @BeforeAll
  static void indexTheSet(Vertx vertx) {
    embedder = new Embedder(vertx, 2, 1_000);
    index = LuceneNoticeIndex.open(vertx, dir, Embedder.MODEL, Embedder.DIMENSION, 100).await();
    List<IndexedNotice> notices = RelevanceSet.notices();
    List<float[]> vectors = embedder.embedAll(notices.stream().map(IndexedNotice::text).toList()).await();
    for (int i = 0; i < notices.size(); i++) {
      index.put(notices.get(i), vectors.get(i)).await();
    }
    index.durable().await();
    search = new NoticeSearch(vertx, embedder, index, 10_000);
  }

  @AfterAll
  static void close() {
    index.close().await();
    embedder.close();
  }

  @Test
  @DisplayName("hybrid search ranks the right notices higher than words alone or meaning alone (nDCG@10)")
  void hybridBeatsEither() {
    Map<Mode, Double> ndcg = new EnumMap<>(Mode.class);
    List<RelevanceSet.Query> queries = RelevanceSet.queries();
    for (Mode mode : Mode.values()) {
      double sum = 0;
      for (RelevanceSet.Query q : queries) {
        JsonObject found = search.search(new AiSearchQuery(q.text(), mode, NoticeFilters.NONE, 10)).await();
        List<String> ranking = found.getJsonArray("hits").stream()
            .map(hit -> ((JsonObject) hit).getString("noticeId")).toList();
        double score = RelevanceSet.ndcg(ranking, q.relevant(), 10);
        if (score < 0.99) {
          System.out.printf("relevance: %-8s %.3f  %s -> %s%n", mode.apiName(), score, q.text(),
              ranking.subList(0, Math.min(3, ranking.size())));
        }
        sum += score;
      }
      ndcg.put(mode, sum / queries.size());
    }
    System.out.printf("relevance: %d queries over %d notices, nDCG@10 keyword %.3f, semantic %.3f, hybrid %.3f%n",
        queries.size(), RelevanceSet.notices().size(), ndcg.get(Mode.KEYWORD), ndcg.get(Mode.SEMANTIC),
        ndcg.get(Mode.HYBRID));
    assertTrue(queries.size() >= 30, "the set has at least 30 queries");
    assertTrue(ndcg.get(Mode.HYBRID) > ndcg.get(Mode.KEYWORD), "hybrid beats keyword: " + ndcg);
    assertTrue(ndcg.get(Mode.HYBRID) > ndcg.get(Mode.SEMANTIC), "hybrid beats semantic: " + ndcg);
  }

  @Test
  @DisplayName("a hit shows the sentence of its notice that shares the query's words")
  void passageShowsTheMatchingSentence() {
    JsonObject found = search.search(new AiSearchQuery("ASTM D6319", Mode.HYBRID, NoticeFilters.NONE, 3)).await();
    JsonObject top = found.getJsonArray("hits").getJsonObject(0);
    assertEquals("rel-01", top.getString("noticeId"));
    assertEquals("Gloves shall meet ASTM D6319 and have an AQL of 1.5 or better.", top.getString("passage"));
  }
}
