package com.medcontracthub.ai.search;

import io.vertx.core.Future;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Relative score fusion, as Weaviate's hybrid search does it by default (so the embedded index and Weaviate rank
 * alike): each ranking's scores scaled to 0-1 by its own best and worst, then weighed {@link #ALPHA} for meaning and
 * the rest for words. Unlike fusing ranks, a weak best match of words (the query's only shared word is "supplies")
 * weighs little against a close match of meaning, while an exact standard number or drug name still lifts its notice.
 */
public final class RelativeScoreFusion {

  /** Weaviate's default share of the vector score in a hybrid search. */
  public static final double ALPHA = 0.75;
  /** How deep each ranking goes before a hybrid search fuses them. */
  public static final int DEPTH = 50;

  private RelativeScoreFusion() {
  }

  /**
   * A hybrid search made of its two rankings ({@link #DEPTH} deep): the words' part with every word required lifts
   * hits with every word (a standard's number, a drug's name) and leaves a vague overlap of words ("supplies",
   * "patient") to the meaning's part.
   */
  public static <H extends Scored<H>> Future<List<H>> hybrid(Future<List<H>> byEveryWord, Future<List<H>> byMeaning,
      int limit) {
    return Future.all(byEveryWord, byMeaning).map(both -> fuse(both.resultAt(1), both.resultAt(0), limit));
  }

  /** The {@code limit} best hits of both rankings together, each scored by its fused score (0-1). */
  public static <H extends Scored<H>> List<H> fuse(List<H> byMeaning, List<H> byWords, int limit) {
    Map<String, H> found = new LinkedHashMap<>();
    Map<String, Double> fused = new HashMap<>();
    add(byMeaning, ALPHA, found, fused);
    add(byWords, 1 - ALPHA, found, fused);
    return fused.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(limit)
        .map(e -> found.get(e.getKey()).withScore(e.getValue()))
        .toList();
  }

  private static <H extends Scored<H>> void add(List<H> ranking, double weight, Map<String, H> found,
      Map<String, Double> fused) {
    double best = ranking.stream().mapToDouble(Scored::score).max().orElse(0);
    double worst = ranking.stream().mapToDouble(Scored::score).min().orElse(0);
    for (H hit : ranking) {
      // a ranking of one, or of equal scores, puts each of its hits at the top
      double relative = best == worst ? 1 : (hit.score() - worst) / (best - worst);
      found.putIfAbsent(hit.key(), hit);
      fused.merge(hit.key(), weight * relative, Double::sum);
    }
  }
}
