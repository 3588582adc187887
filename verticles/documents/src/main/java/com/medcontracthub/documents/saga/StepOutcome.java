package com.medcontracthub.documents.saga;

import com.medcontracthub.codecs.DocumentSteps;

/** What the service performing a step answered. */
public sealed interface StepOutcome {

  /** An answer's state: {@code done} (what the step calls it), {@link DocumentSteps#FAILED}, anything else an error. */
  static StepOutcome of(String state, String done, String reason) {
    if (done.equals(state)) {
      return new Done();
    }
    return DocumentSteps.FAILED.equals(state) ? new Failed(reason)
        : new Error(reason == null ? "no reason given" : reason);
  }

  record Done() implements StepOutcome {
  }

  /** The document is at fault (unreadable, say): no attempt would do better, so it fails at once. */
  record Failed(String reason) implements StepOutcome {
  }

  /** This attempt went wrong (a store or a service unavailable): the step is tried again while it has attempts. */
  record Error(String reason) implements StepOutcome {
  }
}
