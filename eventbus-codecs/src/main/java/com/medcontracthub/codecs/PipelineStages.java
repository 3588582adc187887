package com.medcontracthub.codecs;

import java.util.List;

/** The stages of a tenant's bid pipeline, in their order, as {@code PipelineStageChanged} events carry them. */
public final class PipelineStages {

  public static final String WON = "won";
  public static final String LOST = "lost";
  public static final List<String> ALL = List.of("identified", "qualifying", "bidding", "submitted", WON, LOST,
      "no-bid");

  private PipelineStages() {
  }
}
