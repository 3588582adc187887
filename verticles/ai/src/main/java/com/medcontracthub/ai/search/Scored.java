package com.medcontracthub.ai.search;

/** A hit of a ranking, as fusion weighs it: what it is (its key, one per thing found) and its score. */
public interface Scored<H extends Scored<H>> {

  String key();

  double score();

  /** The same hit, scored anew. */
  H withScore(double score);
}
