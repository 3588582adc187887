package com.medcontracthub.jobs;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A job to enqueue: what runs it ({@code type}) and its data, and how: an id that de-duplicates (null for a new one),
 * a priority (0 to {@value #MAX_PRIORITY}, a higher one runs first), a delay, how many attempts with what backoff,
 * a group whose jobs share the group's limits, and the tenant and user who started it (for who may see it).
 */
public record NewJob(String type, JsonObject data, String id, int priority, long delayMs, int maxAttempts,
    long backoffMs, String group, String tenant, String user) {

  public static final int MAX_PRIORITY = 1000;
  public static final int MAX_ATTEMPTS = 100;
  public static final int DEFAULT_ATTEMPTS = 3;
  public static final long DEFAULT_BACKOFF_MS = 1_000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:@/-]{1,200}");

  public NewJob {
    require(type != null && NAME.matcher(type).matches(), "type", type);
    require(id == null || NAME.matcher(id).matches(), "id", id);
    require(group == null || NAME.matcher(group).matches(), "group", group);
    if (priority < 0 || priority > MAX_PRIORITY) {
      throw new IllegalArgumentException("priority must be 0 to " + MAX_PRIORITY + ", not " + priority);
    }
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException("attempts must be 1 to " + MAX_ATTEMPTS + ", not " + maxAttempts);
    }
    if (delayMs < 0 || backoffMs < 0) {
      throw new IllegalArgumentException("a delay or a backoff cannot be negative");
    }
    data = data == null ? new JsonObject() : data;
  }

  public static NewJob of(String type, JsonObject data) {
    return new NewJob(type, data, null, 0, 0, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, null, null, null);
  }

  public NewJob withId(String newId) {
    return new NewJob(type, data, newId, priority, delayMs, maxAttempts, backoffMs, group, tenant, user);
  }

  public NewJob withPriority(int newPriority) {
    return new NewJob(type, data, id, newPriority, delayMs, maxAttempts, backoffMs, group, tenant, user);
  }

  public NewJob delayedBy(Duration delay) {
    return new NewJob(type, data, id, priority, delay.toMillis(), maxAttempts, backoffMs, group, tenant, user);
  }

  public NewJob withAttempts(int attempts, Duration backoff) {
    return new NewJob(type, data, id, priority, delayMs, attempts, backoff.toMillis(), group, tenant, user);
  }

  public NewJob inGroup(String newGroup) {
    return new NewJob(type, data, id, priority, delayMs, maxAttempts, backoffMs, newGroup, tenant, user);
  }

  public NewJob ownedBy(String newTenant, String newUser) {
    return new NewJob(type, data, id, priority, delayMs, maxAttempts, backoffMs, group, newTenant, newUser);
  }

  private static void require(boolean valid, String what, String value) {
    if (!valid) {
      throw new IllegalArgumentException("a job's " + what + " is 1 to 200 letters, digits and ._:@/- , not '" + value + "'");
    }
  }
}
