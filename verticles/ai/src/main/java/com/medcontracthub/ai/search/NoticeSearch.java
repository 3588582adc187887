package com.medcontracthub.ai.search;

import com.medcontracthub.ai.embed.Embedder;
import com.medcontracthub.ai.index.Hit;
import com.medcontracthub.ai.index.NoticeFilters;
import com.medcontracthub.ai.index.NoticeIndex;
import com.medcontracthub.ai.search.AiSearchQuery.Mode;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.metrics.Meters;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Searches of the current notices: by words (BM25), by meaning (the query's embedding against the notices'), or both
 * fused by rank; and the notices nearest in meaning to one. Each hit shows the passage that matched, and each search
 * is timed in {@code mch_ai_search_seconds{mode}}.
 */
public final class NoticeSearch {

  private final Vertx vertx;
  private final long timeoutMs;
  private final Embedder embedder;
  private final NoticeIndex index;
  private final Passages passages = new Passages();
  private final Map<Mode, Timer> timers = new EnumMap<>(Mode.class);
  private final Timer similarTimer = timer("similar");

  /** A search taking longer than {@code timeoutMs} fails (a 503), rather than the gateway's own timeout answering. */
  public NoticeSearch(Vertx vertx, Embedder embedder, NoticeIndex index, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    this.embedder = embedder;
    this.index = index;
    for (Mode mode : Mode.values()) {
      timers.put(mode, timer(mode.apiName()));
    }
  }

  /** {@code {mode, hits}}: the best notices for the query, best first. */
  public Future<JsonObject> search(AiSearchQuery query) {
    long started = System.nanoTime();
    return hits(query)
        .compose(hits -> withPassages(hits, query.text()))
        .map(hits -> new JsonObject().put("mode", query.mode().apiName()).put("hits", hits))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .andThen(done -> timers.get(query.mode()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
  }

  /** {@code {noticeId, hits}}: the current notices nearest in meaning to {@code noticeId}, nearest first. */
  public Future<JsonObject> similar(String noticeId, int limit) {
    long started = System.nanoTime();
    return index.vectorOf(noticeId)
        .compose(vector -> vector.map(v -> index.nearest(v, NoticeFilters.NONE, limit, noticeId))
            .orElseGet(() -> Future.failedFuture(new Refusal(404, "no current, open opportunity with notice id "
                + noticeId + " is indexed"))))
        .compose(hits -> withPassages(hits, null))
        .map(hits -> new JsonObject().put("noticeId", noticeId).put("hits", hits))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .andThen(done -> similarTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
  }

  private Future<List<Hit>> hits(AiSearchQuery query) {
    return Rankings.of(query.mode(), query.limit(),
        (everyWord, k) -> index.keyword(query.text(), everyWord, query.filters(), k),
        k -> embedder.embed(query.text()).compose(vector -> index.nearest(vector, query.filters(), k, null)),
        k -> embedder.embed(query.text()).compose(vector -> index.hybrid(query.text(), vector, query.filters(), k)));
  }

  /**
   * Passages are picked off the event loop: each reads its notice's whole description. A similar notice (no query)
   * shows its description's first sentence.
   */
  private Future<JsonArray> withPassages(List<Hit> hits, String query) {
    return vertx.executeBlocking(() -> {
      JsonArray shown = new JsonArray();
      for (Hit hit : hits) {
        String description = hit.notice().description();
        String text = description == null || description.isBlank() ? hit.notice().title() : description;
        shown.add(hit.notice().toJson(hit.score(), passages.of(text, query == null ? "" : query)));
      }
      return shown;
    }, false);
  }

  static Timer timer(String mode) {
    return Timer.builder("mch_ai_search").description("A search of the AI index, from the query to the hits shown")
        .tag("mode", mode).serviceLevelObjectives(Meters.LATENCY_BUCKETS).register(Meters.registry());
  }
}
