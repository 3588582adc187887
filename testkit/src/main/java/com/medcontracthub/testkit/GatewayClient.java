package com.medcontracthub.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** HTTP calls to a gateway on 127.0.0.1, each bounded by a timeout. */
public final class GatewayClient {

  private static final long TIMEOUT_MS = 10_000;

  private final WebClient client;

  public GatewayClient(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  public Future<HttpResponse<Buffer>> get(String path) {
    return client.get(path).timeout(TIMEOUT_MS).send();
  }

  public void close() {
    client.close();
  }
}
