package com.medcontracthub.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;

/** Zipkin's query API, which Zipkin itself and SkyWalking's OAP both serve. */
public final class ZipkinApi {

  private ZipkinApi() {
  }

  /** A collector stores spans a moment after it accepted them: asks until the trace is there. */
  public static Future<JsonArray> trace(Vertx vertx, WebClient client, int port, String apiPath, String traceId) {
    return client.get(port, "127.0.0.1", apiPath + "/trace/" + traceId).send()
        .compose(r -> r.statusCode() == 200 && !r.bodyAsJsonArray().isEmpty()
            ? Future.succeededFuture(r.bodyAsJsonArray())
            : vertx.timer(200).compose(t -> trace(vertx, client, port, apiPath, traceId)));
  }
}
