package com.medcontracthub.codecs;

/** What an {@code OpportunityChanged} event says happened to its notice (its {@code change} field). */
public final class OpportunityChanges {

  public static final String INSERTED = "inserted";
  public static final String UPDATED = "updated";
  public static final String SUPERSEDED = "superseded";
  /**
   * Nothing happened: the notice as it is, published again by a backfill so that a consumer can rebuild what it keeps
   * of the notices (a search index, analytics). Not news to a user: nobody is notified of it.
   */
  public static final String REPUBLISHED = "republished";

  private OpportunityChanges() {
  }
}
