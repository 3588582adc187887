package com.medcontracthub.platform.schema;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

/**
 * What each event-bus service says it takes and answers, as JSON Schemas (draft 2020-12), in a map every JVM of the
 * cluster sees: {@code {"summary", "body": <schema of the request body>, "response": <schema of the reply>, "status": <HTTP
 * status of a success, when not 200>}} by
 * address. The gateway publishes them in {@code /openapi.json} and checks request bodies against them before they
 * reach the bus.
 */
public final class ServiceSchemas {

  private static final String MAP = "mch.service-schemas";

  private ServiceSchemas() {
  }

  public static Future<Void> declare(Vertx vertx, String address, JsonObject declaration) {
    return map(vertx).compose(map -> map.put(address, declaration));
  }

  /** The declaration of {@code address}, or null when its service declared none. */
  public static Future<JsonObject> of(Vertx vertx, String address) {
    return map(vertx).compose(map -> map.get(address));
  }

  private static Future<AsyncMap<String, JsonObject>> map(Vertx vertx) {
    return vertx.sharedData().getAsyncMap(MAP);
  }
}
