package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What the gateway reads out of a route's regular expression")
class RoutePatternsTest {

  @Test
  @DisplayName("takes the literal start of a pattern, stopping where a match may differ, so no path it skips could match")
  void literalStart() {
    assertEquals("/api/v1/pipeline/", RoutePatterns.literalPrefix(Pattern.compile("/api/v1/pipeline/(?<id>[^/]+)$")));
    assertEquals("/items/", RoutePatterns.literalPrefix(Pattern.compile("^/items/\\d+")));
    assertEquals("/a", RoutePatterns.literalPrefix(Pattern.compile("/ab?c")), "b is optional");
    assertEquals("/", RoutePatterns.literalPrefix(Pattern.compile("/x{0,2}")), "x may not be there");
    assertEquals("/ab", RoutePatterns.literalPrefix(Pattern.compile("/ab+c")), "b is there at least once");
    assertEquals("", RoutePatterns.literalPrefix(Pattern.compile("/a|/b")), "either may start the match");
    assertEquals("", RoutePatterns.literalPrefix(Pattern.compile("/A", Pattern.CASE_INSENSITIVE)));
    assertEquals("", RoutePatterns.literalPrefix(Pattern.compile("(?i)/a")));
    for (String path : List.of("/ac", "/abc", "/abbc")) {
      assertTrue(path.startsWith(RoutePatterns.literalPrefix(Pattern.compile("/ab*c"))), path);
    }
  }

  @Test
  @DisplayName("names the groups a pattern captures")
  void groups() {
    assertEquals(List.of("kind", "id"), RoutePatterns.names(Pattern.compile("/(?<kind>[a-z]+)/(?<id>\\d+)")));
  }
}
