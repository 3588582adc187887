package com.medcontracthub.realtime.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Text operations")
class TextOperationTest {

  /** A random edit of the text: a few retains, inserts and deletes that walk all of it. */
  static TextOperation randomEdit(Random random, String text) {
    TextOperation op = new TextOperation();
    int at = 0;
    while (at < text.length()) {
      int n = 1 + random.nextInt(Math.min(5, text.length() - at));
      switch (random.nextInt(3)) {
        case 0 -> op.retain(n);
        case 1 -> op.delete(n);
        default -> op.insert(randomText(random)).retain(n);
      }
      at += n;
    }
    if (random.nextBoolean()) {
      op.insert(randomText(random));
    }
    return op;
  }

  static String randomText(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }

  @Test
  @DisplayName("two concurrent edits transformed against each other give one text in either order")
  void transformConverges() {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      String text = randomText(random) + randomText(random) + randomText(random);
      TextOperation a = randomEdit(random, text);
      TextOperation b = randomEdit(random, text);
      TextOperation[] primes = TextOperation.transform(a, b);
      assertEquals(primes[1].apply(a.apply(text)), primes[0].apply(b.apply(text)), () -> a + " / " + b + " on " + text);
    }
  }

  @Test
  @DisplayName("composing two edits equals applying them in turn")
  void composeIsSequence() {
    Random random = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      String text = randomText(random) + randomText(random);
      TextOperation a = randomEdit(random, text);
      TextOperation b = randomEdit(random, a.apply(text));
      assertEquals(b.apply(a.apply(text)), a.compose(b).apply(text));
    }
  }

  @Test
  @DisplayName("reads and writes ot.js's JSON form, and refuses what is not an operation")
  void json() {
    TextOperation op = TextOperation.fromJson(new JsonArray("[3, \"ab\", -2, 1]"));
    assertEquals("xyzabw", op.apply("xyzuvw"));
    assertEquals(new JsonArray("[3, \"ab\", -2, 1]"), op.toJson());
    assertThrows(IllegalArgumentException.class, () -> TextOperation.fromJson(new JsonArray("[0]")));
    assertThrows(IllegalArgumentException.class, () -> TextOperation.fromJson(new JsonArray("[1.5]")));
    assertThrows(IllegalArgumentException.class, () -> TextOperation.fromJson(new JsonArray("[{}]")));
    assertThrows(IllegalArgumentException.class, () -> op.apply("short"));
  }
}
