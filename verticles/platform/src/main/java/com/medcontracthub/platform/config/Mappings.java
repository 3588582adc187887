package com.medcontracthub.platform.config;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Validated reads of one bridge mapping entry; errors name the entry ({@code bridge.inbound[2].topic}). */
final class Mappings {

  private Mappings() {
  }

  static JsonObject object(Object value, String at) {
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new ConfigException(at + ": expected a mapping with keys topic and address but got '" + value + "'");
  }

  /** Refuses a key the mapping does not know: a misspelt or retired one would otherwise change nothing, unseen. */
  static void onlyKeys(JsonObject item, List<String> keys, String at) {
    for (String key : item.fieldNames()) {
      if (!keys.contains(key)) {
        throw new ConfigException(at + "." + key + ": unknown; expected " + String.join(", ", keys));
      }
    }
  }

  static String required(JsonObject item, String field, String at) {
    Object value = item.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new ConfigException(at + "." + field + ": missing; expected a name");
    }
    return s;
  }

  /** A whole number above 0, of what {@code unit} says ("milliseconds"). */
  static long positiveLong(JsonObject item, String field, long defaultValue, String unit, String at) {
    Object value = item.getValue(field);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    throw new ConfigException(at + "." + field + ": expected a number of " + unit + " (> 0) but got '" + value + "'");
  }

  /** One of {@code choices}' constants, written in lower case in the file. */
  static <E extends Enum<E>> E choice(JsonObject item, String field, E defaultValue, Class<E> choices, String at) {
    Object value = item.getValue(field);
    if (value == null) {
      return defaultValue;
    }
    for (E choice : choices.getEnumConstants()) {
      if (choice.name().toLowerCase(Locale.ROOT).equals(value)) {
        return choice;
      }
    }
    String expected = Arrays.stream(choices.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(" or "));
    throw new ConfigException(at + "." + field + ": expected " + expected + " but got '" + value + "'");
  }
}
