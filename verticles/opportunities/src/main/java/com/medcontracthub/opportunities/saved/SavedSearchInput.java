package com.medcontracthub.opportunities.saved;

import com.medcontracthub.opportunities.alerts.TimeZones;
import com.medcontracthub.opportunities.search.SearchQuery;
import com.medcontracthub.platform.bus.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a saved search may be given: a name, the same filters as the search, checked the same way, and how often its
 * new matches are e-mailed to its owner (400 otherwise); the time zone is read by {@link TimeZones}.
 */
public final class SavedSearchInput {

  public static final int MAX_NAME = 100;
  public static final List<String> ALERTS = List.of("none", "daily", "weekly");
  static final String ALERTS_FIELD = "alerts";

  private SavedSearchInput() {
  }

  public static String name(JsonObject body) {
    if (!(body.getValue("name") instanceof String name) || name.isBlank() || name.length() > MAX_NAME) {
      throw new Refusal(400, "name: expected 1 to " + MAX_NAME + " characters");
    }
    return name.trim();
  }

  /**
   * The search filters as the search endpoint takes them ({@code {"naics": ["339112"], "q": "gloves"}}, a single value
   * may be given without a list), checked the same way; a cursor is a position in one listing, not a filter.
   */
  public static JsonObject filters(JsonObject body) {
    if (!(body.getValue("filters") instanceof JsonObject given)) {
      throw new Refusal(400, "filters: expected an object of search parameters");
    }
    JsonObject lists = new JsonObject();
    for (String name : given.fieldNames()) {
      Object value = given.getValue(name);
      if (value instanceof String s) {
        lists.put(name, new JsonArray().add(s));
      } else if (value instanceof JsonArray array && array.stream().allMatch(v -> v instanceof String)) {
        lists.put(name, array);
      } else {
        throw new Refusal(400, "filters." + name + ": expected a string or a list of strings");
      }
    }
    if (lists.containsKey("cursor")) {
      throw new Refusal(400, "filters.cursor: a cursor cannot be saved");
    }
    SearchQuery.from(lists);
    return lists;
  }

  /** How often the owner gets the new matches by e-mail, or null when not given (a new search: none). */
  public static String alerts(JsonObject body) {
    Object value = body.getValue(ALERTS_FIELD);
    if (value != null && !(value instanceof String s && ALERTS.contains(s))) {
      throw new Refusal(400, ALERTS_FIELD + ": expected one of " + String.join(", ", ALERTS));
    }
    return (String) value;
  }
}
