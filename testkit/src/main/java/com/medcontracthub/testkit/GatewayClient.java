package com.medcontracthub.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** HTTP requests to a gateway on 127.0.0.1, each bounded by a timeout; add headers or a body, then send. */
public final class GatewayClient {

  private static final long TIMEOUT_MS = 10_000;

  private final WebClient client;
  private final int port;

  public GatewayClient(Vertx vertx, int port) {
    this.port = port;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, path).timeout(TIMEOUT_MS);
  }

  public HttpRequest<Buffer> get(String path) {
    return request(HttpMethod.GET, path);
  }

  /** The access token of a login, or a failure that shows the gateway's answer. */
  public Future<String> login(String email, String password) {
    return request(HttpMethod.POST, "/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("email", email).put("password", password))
        .compose(response -> response.statusCode() == 200
            ? Future.succeededFuture(response.bodyAsJsonObject().getString("access_token"))
            : Future.failedFuture(new IllegalStateException("login of " + email + " answered " + response.statusCode()
                + ": " + response.bodyAsString())));
  }

  public int port() {
    return port;
  }

  public void close() {
    client.close();
  }
}
