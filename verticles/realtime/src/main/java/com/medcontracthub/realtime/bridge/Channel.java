package com.medcontracthub.realtime.bridge;

/**
 * A public bridge address a principal may use, resolved: what it carries, the room it is fed from, and the notice
 * it concerns (null for user and tenant channels).
 */
public record Channel(Kind kind, String address, String room, String opportunityId) {

  public enum Kind {
    USER_NOTIFICATIONS, TENANT_NOTIFICATIONS, OPPORTUNITY_EVENTS, COMMENTS, PRESENCE, NOTES;

    /** Channels a client may send to (each send is a request the bridge answers); the rest are receive-only. */
    boolean sendable() {
      return this == COMMENTS || this == PRESENCE || this == NOTES;
    }
  }
}
