package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.GatewaySpec;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The changes Kong's request- and response-transformer make to headers (and query strings), step by step in Kong's
 * order: {@code remove} names; {@code rename} {@code old:new}; {@code replace} {@code name:value} where the name is
 * there; {@code add} where it is not; {@code append} always.
 */
final class NameValueChanges {

  static final List<String> STEPS = List.of("remove", "rename", "replace", "add", "append");

  private NameValueChanges() {
  }

  /**
   * Refuses a declared transformer whose {@code unsupported} part (a body) is given in any step, or whose
   * {@code name:value} entries of {@code parts} lack the colon; names the path.
   */
  static void check(GatewaySpec.Plugin declared, String unsupported, String... parts) {
    for (String step : STEPS) {
      JsonObject changes = declared.config().getJsonObject(step);
      String path = declared.path() + ".config." + step;
      if (!changes.getJsonArray(unsupported).isEmpty()) {
        throw new DeclarativeException(path + "." + unsupported, "body transformations are not supported here");
      }
      if (step.equals("remove")) {
        continue;
      }
      for (String part : parts) {
        JsonArray pairs = changes.getJsonArray(part);
        for (int i = 0; i < pairs.size(); i++) {
          if (!pairs.getString(i).matches("[^:]+:.*")) {
            throw new DeclarativeException(path + "." + part + "[" + i + "]",
                "expected name:value but got \"" + pairs.getString(i) + "\"");
          }
        }
      }
    }
  }

  /** One step on {@code values}; {@code value} fills in what an entry's value names (templates), or keeps it. */
  static void apply(String step, JsonArray entries, MultiMap values, UnaryOperator<String> value) {
    for (Object entry : entries) {
      String text = String.valueOf(entry);
      int colon = text.indexOf(':');
      String name = colon < 0 ? text : text.substring(0, colon);
      String given = colon < 0 ? "" : value.apply(text.substring(colon + 1));
      switch (step) {
        case "remove" -> values.remove(name);
        case "rename" -> {
          if (values.contains(name)) {
            List<String> kept = new ArrayList<>(values.getAll(name));
            values.remove(name);
            values.set(given, kept);
          }
        }
        case "replace" -> {
          if (values.contains(name)) {
            values.set(name, given);
          }
        }
        case "add" -> {
          if (!values.contains(name)) {
            values.set(name, given);
          }
        }
        default -> values.add(name, given);
      }
    }
  }
}
