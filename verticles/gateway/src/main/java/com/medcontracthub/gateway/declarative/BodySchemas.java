package com.medcontracthub.gateway.declarative;

import com.medcontracthub.platform.schema.ServiceSchemas;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks request bodies for {@code eventbus://} services against the body schema the service declared
 * ({@link ServiceSchemas}), with a validator compiled once per declaration.
 */
final class BodySchemas {

  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri("https://medcontracthub.local/schemas/").setOutputFormat(OutputFormat.Basic);

  private record Compiled(JsonObject declaration, Validator validator) {
  }

  private final Vertx vertx;
  private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

  BodySchemas(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Null when the body fits (or the service declared no body schema), else where and why it does not. */
  Future<String> problem(String address, JsonObject body) {
    return ServiceSchemas.of(vertx, address).map(declaration -> {
      if (declaration == null || declaration.getJsonObject("body") == null) {
        return null;
      }
      Compiled validator = compiled.compute(address, (k, known) -> known != null && known.declaration().equals(declaration)
          ? known : new Compiled(declaration, Validator.create(JsonSchema.of(declaration.getJsonObject("body")), OPTIONS)));
      OutputUnit result = validator.validator().validate(body == null ? new JsonObject() : body);
      if (result.getValid()) {
        return null;
      }
      // the validator lists errors from the outermost ("property does not match") to the one that says why
      List<OutputUnit> errors = result.getErrors();
      OutputUnit cause = errors == null || errors.isEmpty() ? result : errors.get(errors.size() - 1);
      String pointer = cause.getInstanceLocation() == null ? "" : cause.getInstanceLocation().replaceFirst("^#", "");
      return "body" + (pointer.isEmpty() ? "/" : pointer) + ": " + cause.getError();
    });
  }
}
