package com.medcontracthub.platform.correlation;

import java.util.UUID;
import java.util.regex.Pattern;

/** Correlation ids: taken from the caller when well-formed, generated otherwise. */
public final class CorrelationIds {

  /** Printable, header-safe and short enough for logs and database columns. */
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private CorrelationIds() {
  }

  public static String orNew(String fromCaller) {
    return fromCaller != null && ACCEPTED.matcher(fromCaller).matches() ? fromCaller : UUID.randomUUID().toString();
  }
}
