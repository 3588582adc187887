package com.medcontracthub.opportunities.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A tenant's pipeline as a report shows it: how many opportunities are at each stage (in the pipeline's order), and the
 * first of them by deadline, with their total; {@code week} is the Monday of a weekly report's week (null for one made
 * on request).
 */
record PipelineSnapshot(LocalDate week, Instant madeAt, Map<String, Long> stageCounts, List<Entry> entries, long total) {

  /** One opportunity of the pipeline: what, whose, its deadline (null when it has none), and its stage since when. */
  record Entry(String noticeId, String title, String agency, String setAside, Instant deadline, String stage,
      Instant movedAt) {
  }
}
