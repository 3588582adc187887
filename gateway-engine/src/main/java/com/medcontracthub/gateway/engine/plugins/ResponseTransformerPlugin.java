package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.Plugin;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Kong's {@code response-transformer}, for headers: the answer's headers changed in Kong's order just before they are
 * written, whoever answered. JSON body transformations are not built: a file that asks for one is refused.
 */
final class ResponseTransformerPlugin implements Plugin {

  private static ConfigSchema changes(boolean typed) {
    ConfigSchema.Builder changes = ConfigSchema.builder()
        .strings("headers", List.of())
        .strings("json", List.of());
    return (typed ? changes.strings("json_types", List.of()) : changes).build();
  }

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .record("remove", changes(false))
      .record("rename", changes(false))
      .record("replace", changes(true))
      .record("add", changes(true))
      .record("append", changes(true))
      .build();

  private final JsonObject config;

  ResponseTransformerPlugin(JsonObject config) {
    this.config = config;
  }

  static void check(GatewaySpec.Plugin declared) {
    NameValueChanges.check(declared, "json", "headers");
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    exchange.ctx().addHeadersEndHandler(written -> {
      for (String step : NameValueChanges.STEPS) {
        NameValueChanges.apply(step, config.getJsonObject(step).getJsonArray("headers"),
            exchange.ctx().response().headers(), UnaryOperator.identity());
      }
    });
    return Answers.GO_ON;
  }
}
