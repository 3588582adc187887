package com.medcontracthub.ai.index;

import com.medcontracthub.ai.documents.DocumentPassage;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The current notices, each with its vector, searchable by words (BM25) and by meaning (nearest vectors), under the
 * same filters; and the passages of the tenants' documents, searched the same ways within one tenant. Writes are
 * visible to searches and kept across a restart once {@link #durable()} completes after them.
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

  /**
   * The best {@code k} by both, fused by relative score ({@code search.RelativeScoreFusion}, as Weaviate fuses them):
   * {@code text} by BM25 with every word, {@code vector} (its embedding) by meaning.
   */
  Future<List<Hit>> hybrid(String text, float[] vector, NoticeFilters filters, int k);

  /**
   * What the index keeps of the notice, if it has it; empty from a store that does not say (the notice is then embedded
   * again whenever its change comes).
   */
  Future<Optional<IndexedNotice>> stored(String noticeId);

  /** The vector the notice was indexed with, if the index has it. */
  Future<Optional<float[]>> vectorOf(String noticeId);

  /** Puts a document of the tenant's passages, each with its vector (in the same order), in place of those it had. */
  Future<Void> putPassages(UUID tenant, UUID documentId, List<DocumentPassage> passages, List<float[]> vectors);

  /** Drops a document of the tenant's passages, if the index has them. */
  Future<Void> removeDocument(UUID tenant, UUID documentId);

  /**
   * The best {@code k} passages of the tenant's documents (of one notice's, unless {@code noticeId} is null) by BM25,
   * with any of the words or, with {@code everyWord}, all of them.
   */
  Future<List<PassageHit>> passagesByWords(String text, boolean everyWord, UUID tenant, String noticeId, int k);

  /** The {@code k} passages of the tenant's documents (of one notice's, unless null) nearest to the vector. */
  Future<List<PassageHit>> nearestPassages(float[] vector, UUID tenant, String noticeId, int k);

  /** The best {@code k} passages of the tenant's documents (of one notice's, unless null) by both, as {@link #hybrid}. */
  Future<List<PassageHit>> hybridPassages(String text, float[] vector, UUID tenant, String noticeId, int k);

  /** Why the index can no longer write (a full disk, say), once it cannot: it takes a restart, with the cause fixed. */
  Optional<Throwable> writeFailure();

  /** The notices the index has. */
  Future<Long> size();

  Future<Void> close();
}
