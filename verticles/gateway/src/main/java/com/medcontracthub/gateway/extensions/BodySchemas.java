package com.medcontracthub.gateway.extensions;

import com.medcontracthub.platform.schema.BodyValidator;
import com.medcontracthub.platform.schema.ServiceSchemas;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks request bodies for {@code eventbus://} services against the body schema the service declared
 * ({@link ServiceSchemas}), with a validator compiled once per declaration. Declarations are read from the
 * cluster-wide map at most every {@value #REFRESH_MS} ms per address, not on every request.
 */
final class BodySchemas {

  private static final long REFRESH_MS = 5_000;

  /** A declaration (null: none) as read at {@code readAt}, and its validator (null: no body schema). */
  private record Compiled(JsonObject declaration, BodyValidator validator, long readAt) {
  }

  private final Vertx vertx;
  private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

  BodySchemas(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Null when the body fits (or the service declared no body schema), else where and why it does not. */
  Future<String> problem(String address, JsonObject body) {
    return validator(address).map(validator -> {
      if (validator == null) {
        return null;
      }
      return validator.problem(body == null ? new JsonObject() : body);
    });
  }

  /** The validator of the address's body schema (null: none declared), read again when older than the refresh. */
  private Future<BodyValidator> validator(String address) {
    Compiled known = compiled.get(address);
    long now = System.currentTimeMillis();
    if (known != null && now - known.readAt() < REFRESH_MS) {
      return Future.succeededFuture(known.validator());
    }
    return ServiceSchemas.of(vertx, address).map(declaration -> {
      JsonObject schema = declaration == null ? null : declaration.getJsonObject("body");
      BodyValidator validator = schema == null ? null
          : known != null && declaration.equals(known.declaration()) ? known.validator()
          : new BodyValidator(schema);
      compiled.put(address, new Compiled(declaration, validator, now));
      return validator;
    });
  }
}
