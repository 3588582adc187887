package com.medcontracthub.opportunities.alerts;

import com.medcontracthub.platform.bus.Refusal;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;

/** The time zone in which a user's e-mail hour is read, as a request gives it (400 when not one). */
public final class TimeZones {

  public static final String FIELD = "timeZone";

  private TimeZones() {
  }

  /** The request's time zone (a region, e.g. America/New_York, or UTC), or null when it gives none. */
  public static String field(JsonObject body) {
    Object value = body.getValue(FIELD);
    if (value != null && !(value instanceof String s && (s.equals("UTC") || ZoneId.getAvailableZoneIds().contains(s)))) {
      throw new Refusal(400, FIELD + ": expected a time zone such as America/New_York or UTC");
    }
    return (String) value;
  }
}
