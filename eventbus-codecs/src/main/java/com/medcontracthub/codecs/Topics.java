package com.medcontracthub.codecs;

/** Kafka topics, {@code mch.<aggregate>.events}, keyed by aggregate id (DESIGN §5). */
public final class Topics {

  public static final String PIPELINE_EVENTS = "mch.pipeline.events";
  public static final String OPPORTUNITY_EVENTS = "mch.opportunity.events";

  private Topics() {
  }
}
