package com.medcontracthub.realtime.api;

import com.medcontracthub.platform.schema.ServiceSchemas;
import io.vertx.core.json.JsonObject;

/** What the comments' REST-facing address declares ({@link ServiceSchemas}) for the gateway's OpenAPI. */
public final class CommentSchemas {

  public static final JsonObject LIST = new JsonObject("""
      {"summary": "the tenant's comments on an opportunity, in the order written (after: a comment id; limit)",
       "response": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {
         "type": "object", "required": ["id", "opportunityId", "userId", "text", "createdAt"], "properties": {
           "id": {"type": "integer"}, "opportunityId": {"type": "string"}, "userId": {"type": "string", "format": "uuid"},
           "email": {"type": "string"}, "text": {"type": "string"}, "createdAt": {"type": "string"}}}}}}}""");

  private CommentSchemas() {
  }
}
