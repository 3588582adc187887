package com.medcontracthub.identity.api;

import static com.medcontracthub.platform.bus.Consumers.CREATED;

import com.medcontracthub.platform.schema.ServiceSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What the identity service's REST-facing addresses declare ({@link ServiceSchemas}) for the gateway's OpenAPI. */
public final class IdentitySchemas {

  public static final JsonObject USERS = new JsonObject("""
      {"summary": "the users of the caller's tenant (admins)",
       "response": {"type": "object", "required": ["users"], "properties": {"users": {"type": "array", "items": {
         "type": "object", "required": ["id", "email", "role", "createdAt"], "properties": {
           "id": {"type": "string", "format": "uuid"}, "email": {"type": "string"},
           "role": {"enum": ["admin", "member"]}, "createdAt": {"type": "string"}}}}}}}""");

  public static final JsonObject REMOVE = new JsonObject("""
      {"summary": "remove a user of the caller's tenant (admins): the user's tokens stop working at once",
       "response": {"type": "object", "required": ["id", "removed"], "properties": {
         "id": {"type": "string", "format": "uuid"}, "removed": {"const": true}}}}""");

  /** What an invitation takes (the checks stay the service's own: {@code UserAdmin}). */
  public static final JsonObject INVITE = new JsonObject()
      .put("summary", "invite a user to the caller's tenant (admins); the answer carries a one-time password")
      .put("status", CREATED)
      .put("body", new JsonObject().put("type", "object").put("additionalProperties", false)
          .put("required", new JsonArray().add("email"))
          .put("properties", new JsonObject()
              .put("email", new JsonObject().put("type", "string").put("format", "email"))
              .put("role", new JsonObject().put("enum", new JsonArray().add("admin").add("member")))))
      .put("response", new JsonObject("""
          {"type": "object", "required": ["id", "email", "role", "password"], "properties": {
            "id": {"type": "string", "format": "uuid"}, "email": {"type": "string"},
            "role": {"enum": ["admin", "member"]}, "password": {"type": "string", "description": "shown once"}}}"""));

  private IdentitySchemas() {
  }
}
