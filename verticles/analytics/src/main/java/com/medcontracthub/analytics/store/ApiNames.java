package com.medcontracthub.analytics.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The names the API gives an enum's constants: lower case, words joined by '-' (PIPELINE_MOVES: pipeline-moves). */
final class ApiNames {

  private ApiNames() {
  }

  static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every constant's name, in declaration order. */
  static <E extends Enum<E>> List<String> all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ApiNames::of).toList();
  }

  /** The constant of a name in {@link #all}. */
  static <E extends Enum<E>> E parse(Class<E> type, String name) {
    return Enum.valueOf(type, name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
