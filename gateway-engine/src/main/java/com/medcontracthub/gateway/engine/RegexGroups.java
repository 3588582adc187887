package com.medcontracthub.gateway.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The named groups of a route's regular expression: what the upstream gets as the path's parameters. */
final class RegexGroups {

  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private RegexGroups() {
  }

  static List<String> names(Pattern regex) {
    List<String> names = new ArrayList<>();
    Matcher m = GROUP_NAME.matcher(regex.pattern());
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
