package com.medcontracthub.platform.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed reads of a request's query parameters (each a list of strings, as the gateway passes them); an unknown
 * name, a value given twice where one is expected, or a value of the wrong form is a 400 naming the parameter.
 */
public final class QueryParams {

  private static final int MAX_VALUE_LENGTH = 200;

  private final JsonObject query;

  public QueryParams(JsonObject query, Set<String> known) {
    for (String name : query.fieldNames()) {
      if (!known.contains(name)) {
        throw new BadQueryException(name + ": unknown parameter; known: " + String.join(", ", known.stream().sorted().toList()));
      }
    }
    this.query = query;
  }

  public List<String> all(String name) {
    JsonArray values = query.getJsonArray(name, new JsonArray());
    List<String> list = values.stream().map(String::valueOf).map(String::trim).filter(v -> !v.isEmpty()).toList();
    list.forEach(v -> checkLength(name, v));
    return list;
  }

  public String single(String name) {
    List<String> values = all(name);
    if (values.size() > 1) {
      throw new BadQueryException(name + ": give it once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  private static void checkLength(String name, String value) {
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new BadQueryException(name + ": longer than " + MAX_VALUE_LENGTH + " characters");
    }
  }

  public LocalDate date(String name) {
    String value = single(name);
    try {
      LocalDate date = value == null ? null : LocalDate.parse(value);
      // ISO's signed years ("+999999999-12-31") parse too, and overflow what a day range adds to them
      if (date != null && (date.getYear() < 1 || date.getYear() > 9999)) {
        throw new DateTimeParseException("year out of range", value, 0);
      }
      return date;
    } catch (DateTimeParseException e) {
      throw new BadQueryException(name + ": expected a date like 2024-03-01, got '" + value + "'");
    }
  }

  /** One of {@code allowed}, or the default when absent; another value is a 400 naming the allowed ones. */
  public String choice(String name, List<String> allowed, String defaultValue) {
    String value = single(name);
    if (value == null) {
      return defaultValue;
    }
    if (!allowed.contains(value)) {
      throw new BadQueryException(name + ": expected one of " + String.join(", ", allowed) + ", got '" + value + "'");
    }
    return value;
  }

  public Boolean bool(String name) {
    String value = single(name);
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new BadQueryException(name + ": expected true or false, got '" + value + "'");
    };
  }

  /** A whole number of at least 0, or the default when absent. */
  public long nonNegative(String name, long defaultValue) {
    String value = single(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      long number = Long.parseLong(value);
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadQueryException(name + ": expected a whole number of at least 0, got '" + value + "'");
  }

  public int limit(int defaultLimit, int maxLimit) {
    String value = single("limit");
    if (value == null) {
      return defaultLimit;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= maxLimit) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadQueryException("limit: expected a number from 1 to " + maxLimit + ", got '" + value + "'");
  }
}
