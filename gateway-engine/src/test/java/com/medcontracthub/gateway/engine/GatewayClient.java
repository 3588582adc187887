package com.medcontracthub.gateway.engine;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** HTTP requests to a gateway on 127.0.0.1, each bounded by a timeout; add headers or a body, then send. */
final class GatewayClient {

  private static final long TIMEOUT_MS = 10_000;

  private final WebClient client;
  private final int port;

  GatewayClient(Vertx vertx, int port) {
    this.port = port;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, path).timeout(TIMEOUT_MS);
  }

  HttpRequest<Buffer> get(String path) {
    return request(HttpMethod.GET, path);
  }

  int port() {
    return port;
  }
}
