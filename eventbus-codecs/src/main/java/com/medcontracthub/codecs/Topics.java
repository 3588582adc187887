package com.medcontracthub.codecs;

/** Kafka topics, {@code mch.<aggregate>.events}, keyed by aggregate id (DESIGN §5). */
public final class Topics {

  public static final String PIPELINE_EVENTS = "mch.pipeline.events";
  public static final String OPPORTUNITY_EVENTS = "mch.opportunity.events";
  /** Progress of long-running jobs, keyed by job id; not kept in the outbox (a lost progress report is not news). */
  public static final String JOB_EVENTS = "mch.job.events";
  /** Uploaded documents and the steps of their processing (their text read, later analysed), keyed by document id. */
  public static final String DOCUMENT_EVENTS = "mch.document.events";
  /** A document step that failed every attempt, with the error of each ({@code DocumentDeadLettered}), by document id. */
  public static final String DOCUMENT_DEAD_LETTERS = "mch.document.dead-letters";

  private Topics() {
  }
}
