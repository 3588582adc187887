package com.medcontracthub.documents.saga;

/** What the service performing a step answered. */
public sealed interface StepOutcome {

  record Done() implements StepOutcome {
  }

  /** The document is at fault (unreadable, say): no attempt would do better, so it fails at once. */
  record Failed(String reason) implements StepOutcome {
  }

  /** This attempt went wrong (a store or a service unavailable): the step is tried again while it has attempts. */
  record Error(String reason) implements StepOutcome {
  }
}
