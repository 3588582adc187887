package com.medcontracthub.codecs;

/** Event-bus addresses, named for what they carry. */
public final class Addresses {

  /** Every JVM answers here with its node id, services and dependency health. */
  public static final String NODE_HEALTH = "mch.node.health";

  private Addresses() {
  }
}
