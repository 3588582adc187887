package com.medcontracthub.realtime.bridge;

import com.medcontracthub.platform.schema.BodyValidator;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/** The JSON Schemas of what clients send on each sendable channel; a body that does not fit never leaves the bridge. */
final class ChannelSchemas {

  static final int MAX_COMMENT_CHARS = 4_000;
  static final int MAX_EDIT_PARTS = 10_000;

  private static final Map<Channel.Kind, BodyValidator> VALIDATORS = new EnumMap<>(Map.of(
      Channel.Kind.COMMENTS, new BodyValidator(new JsonObject("""
          {"type": "object", "additionalProperties": false, "required": ["text"],
           "properties": {"text": {"type": "string", "minLength": 1, "maxLength": %d},
                          "opId": {"type": "string", "minLength": 1, "maxLength": 64}}}
          """.formatted(MAX_COMMENT_CHARS))),
      Channel.Kind.PRESENCE, new BodyValidator(new JsonObject("""
          {"type": "object", "additionalProperties": false, "required": ["state"],
           "properties": {"state": {"enum": ["viewing", "editing"]}}}
          """)),
      Channel.Kind.NOTES, new BodyValidator(new JsonObject("""
          {"oneOf": [
            {"type": "object", "additionalProperties": false, "required": ["action"],
             "properties": {"action": {"const": "load"}}},
            {"type": "object", "additionalProperties": false, "required": ["action", "version", "ops", "opId"],
             "properties": {"action": {"const": "edit"}, "version": {"type": "integer", "minimum": 0},
                            "ops": {"type": "array", "maxItems": %d, "items": {"type": ["integer", "string"]}},
                            "opId": {"type": "string", "minLength": 1, "maxLength": 64}}}]}
          """.formatted(MAX_EDIT_PARTS)))));

  private ChannelSchemas() {
  }

  /** Null when the body fits the channel, else where and why it does not. */
  static String problem(Channel.Kind kind, Object body) {
    return VALIDATORS.get(kind).problem(body);
  }
}
