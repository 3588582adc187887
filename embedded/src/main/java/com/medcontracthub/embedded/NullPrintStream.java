package com.medcontracthub.embedded;

import java.io.OutputStream;
import java.io.PrintStream;

/** Swallows the chatter of tools that insist on printing (Kafka's storage formatter). */
final class NullPrintStream extends PrintStream {

  static final NullPrintStream INSTANCE = new NullPrintStream();

  private NullPrintStream() {
    super(OutputStream.nullOutputStream());
  }
}
