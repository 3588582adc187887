package com.medcontracthub.codecs;

import java.util.List;

/**
 * The language of a document's processing saga: its steps, the states a {@code DocumentStepChanged} tells, and what the
 * service that performs a step answers ({@code DocumentTextExtracted}'s state for the text step,
 * {@code DocumentStepAnswered}'s for the others).
 */
public final class DocumentSteps {

  /** Its text read, page by page, by the OCR service. */
  public static final String TEXT = "text";
  /** Its requirements found, page by page, by the AI service, for the analyses of its notice. */
  public static final String ANALYSED = "analysed";
  /** Its text cut into passages, embedded and indexed by the AI service, for its tenant's searches. */
  public static final String INDEXED = "indexed";
  /** The steps there are: what {@code documents.steps} may list, in the order it chooses. */
  public static final List<String> ALL = List.of(TEXT, ANALYSED, INDEXED);
  /** The steps that read the text the text step stored: they come after it. */
  public static final List<String> READING_TEXT = List.of(ANALYSED, INDEXED);

  /**
   * An attempt started: the step's service takes it ({@code documents.step-taken}) before {@code due}, and answers
   * within the step's timeout from then.
   */
  public static final String RUNNING = "running";
  /** An attempt failed or timed out: the next starts at {@code due}. */
  public static final String RETRYING = "retrying";
  public static final String DONE = "done";
  public static final String FAILED = "failed";
  /** The document failed at a later step: what this step left (index entries, say) is to be removed. */
  public static final String COMPENSATING = "compensating";

  /** The text step's answers: read, unreadable (the document is at fault: no retry), or an error (tried again). */
  public static final String EXTRACTED = "extracted";
  public static final String UNREADABLE = "failed";
  public static final String ERROR = "error";
  /** Another step's answers ({@code DocumentStepAnswered}): {@link #DONE}, {@link #FAILED} (no retry) or {@link #ERROR}. */
  public static final List<String> ANSWERS = List.of(DONE, FAILED, ERROR);

  /** The fields of a take ({@code documents.step-taken}) and of its reply. */
  public static final String DOCUMENT_ID = "documentId";
  public static final String STEP = "step";
  public static final String ATTEMPT = "attempt";
  public static final String TAKEN = "taken";

  private DocumentSteps() {
  }
}
