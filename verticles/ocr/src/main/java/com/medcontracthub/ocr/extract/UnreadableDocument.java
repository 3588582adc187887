package com.medcontracthub.ocr.extract;

/** A document whose text cannot be had however often it is tried (corrupt, encrypted, past a limit): why, for its owner. */
public final class UnreadableDocument extends RuntimeException {

  public UnreadableDocument(String reason) {
    super(reason, null, false, false);
  }
}
