package com.medcontracthub.codecs;

/**
 * The event-bus addresses that realtime rooms are published on. Browsers never see them: a client registers on a
 * public address ({@code opportunity.<id>.comments}) and the bridge joins the room of the client's tenant, so two
 * tenants looking at one notice never share comments, notes or presence.
 */
public final class RealtimeRooms {

  private static final String PREFIX = "rt.";

  /** The fields of a request on {@link Addresses#REALTIME_PUSH}: the room, what to show, and a key that dedupes it. */
  public static final String PUSH_ROOM = "room";
  public static final String PUSH_BODY = "body";
  public static final String PUSH_DEDUPE_KEY = "dedupeKey";

  private RealtimeRooms() {
  }

  /** Whether {@code address} is a realtime room (and not some service's address). */
  public static boolean isRoom(String address) {
    return address != null && address.startsWith(PREFIX);
  }

  public static String userNotifications(String userId) {
    return PREFIX + "user." + userId + ".notifications";
  }

  public static String tenantNotifications(String tenantId) {
    return PREFIX + "tenant." + tenantId + ".notifications";
  }

  /** Changes to a notice, for every tenant: the notice itself is public. */
  public static String opportunityEvents(String opportunityId) {
    return PREFIX + "opportunity." + opportunityId + ".events";
  }

  /** A tenant's room on a notice: {@code comments}, {@code presence} or {@code notes}. */
  public static String tenantOpportunity(String tenantId, String opportunityId, String channel) {
    return PREFIX + "tenant." + tenantId + ".opportunity." + opportunityId + "." + channel;
  }
}
