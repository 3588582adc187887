package com.medcontracthub.codecs;

/** Event-bus addresses, named for what they carry. */
public final class Addresses {

  /** Every JVM answers here with its node id, services and dependency health. */
  public static final String NODE_HEALTH = "mch.node.health";

  /** Searches opportunities: {@code {"query": {name: [values]}}} → {@code {"items": […], "nextCursor": …}}. */
  public static final String OPPORTUNITIES_SEARCH = "opportunities.search";

  /** One opportunity by notice id: {@code {"path": {"id": …}}} → the opportunity, or a 404 failure. */
  public static final String OPPORTUNITIES_GET = "opportunities.get";

  private Addresses() {
  }
}
