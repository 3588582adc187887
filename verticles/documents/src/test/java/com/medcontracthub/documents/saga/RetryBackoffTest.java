package com.medcontracthub.documents.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The back-off between a step's attempts")
class RetryBackoffTest {

  @Test
  @DisplayName("doubles after each failed attempt, from the base")
  void doubles() {
    RetryBackoff backoff = new RetryBackoff(30_000, () -> 0.5);
    assertEquals(List.of(30_000L, 60_000L, 120_000L, 240_000L),
        IntStream.rangeClosed(1, 4).mapToObj(backoff::afterAttempt).toList());
  }

  @Test
  @DisplayName("is spread from half to one and a half times its value, so documents failing together are not tried "
      + "again together")
  void jitters() {
    assertEquals(List.of(15_000L, 45_000L), List.of(new RetryBackoff(30_000, () -> 0.0).afterAttempt(1),
        new RetryBackoff(30_000, () -> 1.0).afterAttempt(1)));
  }

  @Test
  @DisplayName("never waits more than an hour and a half, however many attempts failed")
  void capped() {
    RetryBackoff backoff = new RetryBackoff(30_000, () -> 1.0);
    assertEquals(List.of(5_400_000L, 5_400_000L), List.of(backoff.afterAttempt(12), backoff.afterAttempt(100)));
  }
}
