package com.medcontracthub.codecs.request;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A logged-in user as every service sees it: the identity service answers a token check with it, the gateway and the
 * bridges put it in {@link ServiceRequest#PRINCIPAL}, and services read it back with {@link #fromJson}.
 */
public record Principal(UUID userId, UUID tenantId, String role, String email) {

  public static final String USER_ID = "userId";
  public static final String TENANT_ID = "tenantId";
  public static final String ROLE = "role";
  public static final String EMAIL = "email";
  public static final String ADMIN = "admin";

  public boolean admin() {
    return ADMIN.equals(role);
  }

  /**
   * @throws IllegalArgumentException when the user or tenant id is missing or not a UUID
   */
  public static Principal fromJson(JsonObject json) {
    if (json == null) {
      throw new IllegalArgumentException("no principal");
    }
    return new Principal(uuid(json, USER_ID), uuid(json, TENANT_ID), json.getString(ROLE), json.getString(EMAIL, ""));
  }

  public JsonObject toJson() {
    return new JsonObject().put(USER_ID, userId.toString()).put(TENANT_ID, tenantId.toString()).put(ROLE, role)
        .put(EMAIL, email);
  }

  private static UUID uuid(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return UUID.fromString(text);
  }
}
