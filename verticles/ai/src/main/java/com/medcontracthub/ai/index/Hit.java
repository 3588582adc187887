package com.medcontracthub.ai.index;

/** A notice a search found, with its score: BM25 for words, the embeddings' cosine (-1 to 1) for meaning. */
public record Hit(IndexedNotice notice, double score) {
}
