package com.medcontracthub.jobs;

import io.vertx.core.json.JsonObject;

/** How many jobs a queue holds in each state, whether it is paused, and how many ended each way since it began. */
public record QueueCounts(long waiting, long delayed, long active, long completed, long failed, long dead,
    boolean paused, long completedTotal, long failedTotal, long deadTotal) {

  public JsonObject toJson() {
    return JsonObject.mapFrom(this);
  }
}
