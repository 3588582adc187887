package com.medcontracthub.ai.index;

/** A write, commit or search the index refused because it is closing: its JVM shuts down, and the work is not done. */
public final class IndexClosing extends IllegalStateException {

  public IndexClosing() {
    super("the AI index is closing");
  }
}
