package com.medcontracthub.launcher;

import com.medcontracthub.testkit.GatewayClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** A document as its owner reads it through the gateway. */
final class DocumentStatus {

  private DocumentStatus() {
  }

  /** The document at {@code status} once its processing ended, asked every 200 ms until the deadline. */
  static Future<JsonObject> whenRead(Vertx vertx, GatewayClient gateway, String token, String status, long deadline) {
    return gateway.get(status).bearerTokenAuthentication(token).send().compose(response -> {
      JsonObject read = response.bodyAsJsonObject();
      return response.statusCode() == 200 && !"processing".equals(read.getString("state")) ? Future.succeededFuture(read)
          : System.currentTimeMillis() > deadline ? Future.failedFuture(new AssertionError("not read in time: " + read))
          : vertx.timer(200).compose(t -> whenRead(vertx, gateway, token, status, deadline));
    });
  }
}
