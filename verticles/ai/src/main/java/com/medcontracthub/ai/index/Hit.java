package com.medcontracthub.ai.index;

/** A notice a search found, with its score: BM25 for words, the vectors' similarity (0-1) for meaning. */
public record Hit(IndexedNotice notice, double score) {
}
