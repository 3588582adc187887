package com.medcontracthub.ai.search;

import com.medcontracthub.ai.search.AiSearchQuery.Mode;
import io.vertx.core.Future;
import java.util.List;

/** The hits of a search in its mode, notices or passages alike. */
final class Rankings {

  /** How deep each ranking goes before a hybrid search fuses them. */
  static final int FUSION_DEPTH = 50;

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

  static <H extends Scored<H>> Future<List<H>> of(Mode mode, int limit, ByWords<H> words, ByMeaning<H> meaning) {
    return switch (mode) {
      case KEYWORD -> words.find(false, limit);
      case SEMANTIC -> meaning.find(limit);
      // the words' part lifts hits with every word (a standard's number, a drug's name) and leaves a vague overlap of
      // words ("supplies", "patient") to the meaning's part
      case HYBRID -> Future.all(words.find(true, FUSION_DEPTH), meaning.find(FUSION_DEPTH))
          .map(both -> RelativeScoreFusion.<H>fuse(both.resultAt(1), both.resultAt(0), limit));
    };
  }
}
