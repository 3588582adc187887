package com.medcontracthub.jobs;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * A stored job as its queue holds it: state, attempts, progress, result or errors, when things happened, and the
 * worker that took it last ({@code pid@host/worker}).
 */
public record Job(String id, String queue, String type, JobState state, String data, int priority, String group,
    int attempts, int maxAttempts, int progress, String result, JsonArray errors, Instant createdAt, Instant dueAt,
    Instant startedAt, Instant finishedAt, String worker, String tenant, String user, String checkpoint) {

  /** The most recent errors a job keeps: a job postponed again and again does not grow without end. */
  public static final int MAX_ERRORS = 50;


  static Job fromHash(Map<String, String> hash) {
    return new Job(hash.get("id"), hash.get("queue"), hash.get("type"), JobState.parse(hash.get("state")),
        hash.get("data"), intOf(hash.get("priority")), blankToNull(hash.get("group")), intOf(hash.get("attempts")),
        intOf(hash.get("maxAttempts")), intOf(hash.get("progress")), hash.get("result"),
        hash.containsKey("errors") ? new JsonArray(hash.get("errors")) : new JsonArray(),
        instant(hash.get("createdAt")), instant(hash.get("dueAt")), instant(hash.get("startedAt")),
        instant(hash.get("finishedAt")), hash.get("worker"), blankToNull(hash.get("tenant")),
        blankToNull(hash.get("user")), hash.get("checkpoint"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("queue", queue).put("type", type)
        .put("state", state.wireName()).put("data", decoded(data)).put("priority", priority).put("group", group)
        .put("attempts", attempts).put("maxAttempts", maxAttempts).put("progress", progress)
        .put("errors", errors).put("createdAt", text(createdAt)).put("dueAt", text(dueAt))
        .put("startedAt", text(startedAt)).put("finishedAt", text(finishedAt)).put("worker", worker)
        .put("tenantId", tenant).put("userId", user);
    if (result != null) {
      json.put("result", decoded(result));
    }
    if (checkpoint != null) {
      json.put("checkpoint", decoded(checkpoint));
    }
    return json;
  }

  /** A payload that is not JSON is shown as the text it is, so a broken job can still be looked at. */
  private static Object decoded(String text) {
    try {
      return text == null ? null : Json.decodeValue(text);
    } catch (DecodeException e) {
      return text;
    }
  }

  private static int intOf(String text) {
    return text == null ? 0 : Integer.parseInt(text);
  }

  private static String blankToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private static Instant instant(String millis) {
    return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
