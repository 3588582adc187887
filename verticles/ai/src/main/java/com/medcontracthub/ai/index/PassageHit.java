package com.medcontracthub.ai.index;

import com.medcontracthub.ai.documents.DocumentPassage;
import com.medcontracthub.ai.search.Scored;

/** A passage of a document a search found, scored as a {@link Hit} is. */
public record PassageHit(DocumentPassage passage, double score) implements Scored<PassageHit> {

  @Override
  public String key() {
    return passage.documentId() + "/" + passage.number();
  }

  @Override
  public PassageHit withScore(double score) {
    return new PassageHit(passage, score);
  }
}
