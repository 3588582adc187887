package com.medcontracthub.ai.index;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The current notices, each with its vector, searchable by words (BM25) and by meaning (nearest vectors), under the
 * same filters. Writes are visible to searches and kept across a restart once {@link #durable()} completes after them.
 */
public interface NoticeIndex {

  /** Adds the notice, or replaces what the index had for its id. */
  Future<Void> put(IndexedNotice notice, float[] vector);

  /** Drops the notice if the index has it. */
  Future<Void> remove(String noticeId);

  /** Completes once every write that completed before the call is on disk and searchable. */
  Future<Void> durable();

  /**
   * The best {@code k} matches of the words, by BM25: notices with any of them, or with {@code everyWord}, only those
   * with all of them (stemmed, stop words aside).
   */
  Future<List<Hit>> keyword(String text, boolean everyWord, NoticeFilters filters, int k);

  /** The {@code k} notices nearest to the vector, but {@code excluding} (a notice id, or null). */
  Future<List<Hit>> nearest(float[] vector, NoticeFilters filters, int k, String excluding);

  /** The vector the notice was indexed with, if the index has it. */
  Future<Optional<float[]>> vectorOf(String noticeId);

  /** The notices the index has. */
  Future<Long> size();

  Future<Void> close();
}
