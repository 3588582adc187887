package com.medcontracthub.realtime.bridge;

import io.vertx.core.json.JsonObject;

/** The user a bridge socket authenticated as, as the identity service answered for the token. */
public record Principal(String userId, String tenantId, String role, String email) {

  static Principal of(JsonObject json) {
    return new Principal(json.getString("userId"), json.getString("tenantId"), json.getString("role"),
        json.getString("email", ""));
  }

  /** The shape services expect in a request's {@code principal}. */
  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("tenantId", tenantId).put("role", role).put("email", email);
  }
}
