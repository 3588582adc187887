package com.medcontracthub.realtime.bridge;

import com.medcontracthub.codecs.RealtimeRooms;
import com.medcontracthub.codecs.request.Principal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses a bridge client may use, and nothing else (deny by default):
 * <pre>
 * user.&lt;own user id&gt;.notifications        receive
 * tenant.&lt;own tenant id&gt;.notifications    receive
 * opportunity.&lt;notice id&gt;.events         receive   changes to the notice
 * opportunity.&lt;notice id&gt;.comments       receive, send {"text"} (answered with the stored comment)
 * opportunity.&lt;notice id&gt;.presence       receive, send {"state"}; registering is being there
 * opportunity.&lt;notice id&gt;.notes          receive, send {"action": "load"} or an edit
 * </pre>
 * Addresses are compared segment by segment, never by pattern or prefix, so {@code tenant.1.x} grants nothing on
 * {@code tenant.10.x}. Comments, presence and notes resolve to the caller's tenant's room on the notice.
 */
final class Channels {

  private static final Pattern NOTICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  static final int MAX_ADDRESS_LENGTH = 128;

  private Channels() {
  }

  static Optional<Channel> resolve(String address, Principal principal) {
    if (address == null || address.length() > MAX_ADDRESS_LENGTH) {
      return Optional.empty();
    }
    String[] parts = address.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    String id = parts[1];
    String what = parts[2];
    return switch (parts[0]) {
      case "user" -> id.equals(principal.userId().toString()) && what.equals("notifications")
          ? Optional.of(new Channel(Channel.Kind.USER_NOTIFICATIONS, address, RealtimeRooms.userNotifications(id), null))
          : Optional.empty();
      case "tenant" -> id.equals(principal.tenantId().toString()) && what.equals("notifications")
          ? Optional.of(new Channel(Channel.Kind.TENANT_NOTIFICATIONS, address, RealtimeRooms.tenantNotifications(id), null))
          : Optional.empty();
      case "opportunity" -> NOTICE_ID.matcher(id).matches() ? opportunity(address, id, what, principal) : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static Optional<Channel> opportunity(String address, String notice, String what, Principal principal) {
    return switch (what) {
      case "events" -> Optional.of(new Channel(Channel.Kind.OPPORTUNITY_EVENTS, address,
          RealtimeRooms.opportunityEvents(notice), notice));
      case "comments" -> Optional.of(tenantRoom(Channel.Kind.COMMENTS, address, notice, what, principal));
      case "presence" -> Optional.of(tenantRoom(Channel.Kind.PRESENCE, address, notice, what, principal));
      case "notes" -> Optional.of(tenantRoom(Channel.Kind.NOTES, address, notice, what, principal));
      default -> Optional.empty();
    };
  }

  private static Channel tenantRoom(Channel.Kind kind, String address, String notice, String what, Principal principal) {
    return new Channel(kind, address, RealtimeRooms.tenantOpportunity(principal.tenantId().toString(), notice, what), notice);
  }
}
