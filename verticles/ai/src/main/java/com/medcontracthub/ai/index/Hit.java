package com.medcontracthub.ai.index;

import com.medcontracthub.ai.search.Scored;

/** A notice a search found, with its score: BM25 for words, the embeddings' cosine (-1 to 1) for meaning. */
public record Hit(IndexedNotice notice, double score) implements Scored<Hit> {

  @Override
  public String key() {
    return notice.noticeId();
  }

  @Override
  public Hit withScore(double score) {
    return new Hit(notice, score);
  }
}
