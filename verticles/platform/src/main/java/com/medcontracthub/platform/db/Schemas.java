package com.medcontracthub.platform.db;

/**
 * The PostgreSQL schema of each owner of data: a service's SQL names its tables with its schema
 * ({@code identity.users}), so a read of another service's tables shows in the SQL itself.
 */
public final class Schemas {

  /** The outbox, the event store and the processed event ids every service shares. */
  public static final String PLATFORM = "platform";
  public static final String IDENTITY = "identity";
  public static final String OPPORTUNITIES = "opportunities";
  public static final String REALTIME = "realtime";

  private Schemas() {
  }
}
