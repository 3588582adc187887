package com.medcontracthub.gateway.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway reads out of a route's regular expression: its named groups (the path's parameters the upstream
 * gets), and the literal text every match starts with, which lets a request whose path does not start with it pass
 * the expression by without running it.
 */
final class RoutePatterns {

  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
  private static final String SPECIAL = "\\^$.|?*+()[]{}";

  private RoutePatterns() {
  }

  static List<String> names(Pattern regex) {
    List<String> names = new ArrayList<>();
    Matcher m = GROUP_NAME.matcher(regex.pattern());
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The characters every match (from the start of the input) begins with: the pattern's leading plain characters, less
   * one made optional by a following {@code ?}, {@code *} or {@code {}; empty when alternation or flags could change
   * the start.
   */
  static String literalPrefix(Pattern regex) {
    String pattern = regex.pattern();
    if (pattern.indexOf('|') >= 0 || regex.flags() != 0) {
      return "";
    }
    int start = pattern.startsWith("^") ? 1 : 0;
    StringBuilder prefix = new StringBuilder();
    for (int i = start; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (SPECIAL.indexOf(c) < 0) {
        prefix.append(c);
        continue;
      }
      if ((c == '?' || c == '*' || c == '{') && prefix.length() > 0) {
        prefix.setLength(prefix.length() - 1);
      }
      break;
    }
    return prefix.toString();
  }
}
