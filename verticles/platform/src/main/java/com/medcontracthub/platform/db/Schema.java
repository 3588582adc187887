package com.medcontracthub.platform.db;

import java.util.Locale;

/**
 * The PostgreSQL schemas, one per owner of data, in the order they migrate: a service's SQL names its tables with its
 * schema ({@code identity.users}), so a read of another service's tables shows in the SQL itself.
 */
public enum Schema {

  /** The outbox, the event store and the processed event ids every service shares. */
  PLATFORM,
  IDENTITY,
  OPPORTUNITIES,
  REALTIME,
  DOCUMENTS,
  AI;

  /** The schema's name in PostgreSQL, and the folder of its migrations under {@code migrations/}. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
