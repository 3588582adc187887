package com.medcontracthub.platform.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as the PostgreSQL client binds {@code timestamptz} parameters. */
public final class SqlTimes {

  private SqlTimes() {
  }

  /** The instant at UTC; null stays null (an optional bound: {@code $1::timestamptz IS NULL OR …}). */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
