package com.medcontracthub.platform.schema;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.List;

/** A JSON Schema (draft 2020-12) check of a message body that says where and why a body does not fit. */
public final class BodyValidator {

  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri("https://medcontracthub.local/schemas/").setOutputFormat(OutputFormat.Basic);

  private final Validator validator;

  public BodyValidator(JsonObject schema) {
    this.validator = Validator.create(JsonSchema.of(schema), OPTIONS);
  }

  /** Null when the body fits, else {@code body/<pointer>: <why>}. */
  public String problem(Object body) {
    OutputUnit result = validator.validate(body);
    if (result.getValid()) {
      return null;
    }
    // the validator lists errors from the outermost ("property does not match") to the one that says why
    List<OutputUnit> errors = result.getErrors();
    OutputUnit cause = errors == null || errors.isEmpty() ? result : errors.get(errors.size() - 1);
    String pointer = cause.getInstanceLocation() == null ? "" : cause.getInstanceLocation().replaceFirst("^#", "");
    return "body" + (pointer.isEmpty() ? "/" : pointer) + ": " + cause.getError();
  }
}
