package com.medcontracthub.jobs;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where a job is; each state but {@link #PRIORITIZED} (listed with the waiting ones) is a sorted set of its queue. */
public enum JobState {
  WAITING, PRIORITIZED, DELAYED, ACTIVE, COMPLETED, FAILED, DEAD;

  public String wireName() {
    return name().toLowerCase();
  }

  /** The set a state's jobs are listed from, newest first for those that ended. */
  String setName() {
    return this == PRIORITIZED ? WAITING.wireName() : wireName();
  }

  boolean ended() {
    return this == COMPLETED || this == FAILED || this == DEAD;
  }

  public static JobState parse(String text) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(text)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown job state '" + text + "'; one of: " + names()));
  }

  public static String names() {
    return Arrays.stream(values()).map(JobState::wireName).collect(Collectors.joining(", "));
  }
}
