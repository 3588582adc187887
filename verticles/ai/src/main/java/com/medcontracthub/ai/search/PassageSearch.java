package com.medcontracthub.ai.search;

import com.medcontracthub.ai.embed.Embedder;
import com.medcontracthub.ai.index.NoticeIndex;
import com.medcontracthub.ai.index.PassageHit;
import com.medcontracthub.ai.search.AiSearchQuery.Mode;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Searches of the passages of a tenant's documents, by words, by meaning or both, as notices are searched; each hit
 * names its document, page and notice. Timed in {@code mch_ai_search_seconds{mode="passages"}}.
 */
public final class PassageSearch {

  private final long timeoutMs;
  private final Embedder embedder;
  private final NoticeIndex index;
  private final Timer timer = NoticeSearch.timer("passages");

  /** A search taking longer than {@code timeoutMs} fails (a 503). */
  public PassageSearch(Embedder embedder, NoticeIndex index, long timeoutMs) {
    this.timeoutMs = timeoutMs;
    this.embedder = embedder;
    this.index = index;
  }

  /** {@code {mode, hits}}: the tenant's best passages for the query, best first. */
  public Future<JsonObject> search(UUID tenant, PassageQuery query) {
    long started = System.nanoTime();
    return Rankings.of(query.mode(), query.limit(),
            (everyWord, k) -> index.passagesByWords(query.text(), everyWord, tenant, query.noticeId(), k),
            k -> embedder.embed(query.text()).compose(vector -> index.nearestPassages(vector, tenant,
                query.noticeId(), k)),
            k -> embedder.embed(query.text()).compose(vector -> index.hybridPassages(query.text(), vector, tenant,
                query.noticeId(), k)))
        .map(hits -> query.mode() == Mode.KEYWORD ? relative(hits) : hits)
        .map(hits -> new JsonObject().put("mode", query.mode().apiName()).put("hits",
            new JsonArray(hits.stream().map(hit -> hit.passage().toJson(hit.score())).toList())))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .andThen(done -> timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
  }

  /**
   * BM25's scores carry the word counts of the whole index, every tenant's passages among them: shown relative to the
   * best hit (1), they tell a tenant nothing of another's documents.
   */
  private static List<PassageHit> relative(List<PassageHit> hits) {
    double best = hits.isEmpty() ? 1 : hits.get(0).score();
    return hits.stream().map(hit -> hit.withScore(hit.score() / best)).toList();
  }
}
