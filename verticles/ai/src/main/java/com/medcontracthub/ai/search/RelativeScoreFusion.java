package com.medcontracthub.ai.search;

import com.medcontracthub.ai.index.Hit;
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
  static final double ALPHA = 0.75;

  private RelativeScoreFusion() {
  }

  /** The {@code limit} best notices of both rankings together, each scored by its fused score (0-1). */
  public static List<Hit> fuse(List<Hit> byMeaning, List<Hit> byWords, int limit) {
    Map<String, Hit> notices = new LinkedHashMap<>();
    Map<String, Double> fused = new HashMap<>();
    add(byMeaning, ALPHA, notices, fused);
    add(byWords, 1 - ALPHA, notices, fused);
    return fused.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(limit)
        .map(e -> new Hit(notices.get(e.getKey()).notice(), e.getValue()))
        .toList();
  }

  private static void add(List<Hit> ranking, double weight, Map<String, Hit> notices, Map<String, Double> fused) {
    double best = ranking.stream().mapToDouble(Hit::score).max().orElse(0);
    double worst = ranking.stream().mapToDouble(Hit::score).min().orElse(0);
    for (Hit hit : ranking) {
      // a ranking of one, or of equal scores, puts each of its notices at the top
      double relative = best == worst ? 1 : (hit.score() - worst) / (best - worst);
      notices.putIfAbsent(hit.notice().noticeId(), hit);
      fused.merge(hit.notice().noticeId(), weight * relative, Double::sum);
    }
  }
}
