package com.medcontracthub.ai.search;

import com.medcontracthub.ai.search.AiSearchQuery.Mode;
import io.vertx.core.Future;
import java.util.List;

/** The hits of a search in its mode, notices or passages alike. */
final class Rankings {

  /** The best {@code k} by words: with any of them, or with every one. */
  interface ByWords<H> {
    Future<List<H>> find(boolean everyWord, int k);
  }

  /** The {@code k} nearest in meaning. */
  interface ByMeaning<H> {
    Future<List<H>> find(int k);
  }

  private Rankings() {
  }

  /** {@code hybrid}: both at once, as the index fuses them ({@link RelativeScoreFusion}'s way). */
  static <H extends Scored<H>> Future<List<H>> of(Mode mode, int limit, ByWords<H> words, ByMeaning<H> meaning,
      ByMeaning<H> hybrid) {
    return switch (mode) {
      case KEYWORD -> words.find(false, limit);
      case SEMANTIC -> meaning.find(limit);
      case HYBRID -> hybrid.find(limit);
    };
  }
}
