package com.medcontracthub.gateway.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** HTTP requests to a gateway on 127.0.0.1, each bounded by a timeout; add headers or a body, then send. */
final class GatewayClient {

  private static final long TIMEOUT_MS = 10_000;

  private final WebClient client;
  private final int port;
  private final int tlsPort;

  GatewayClient(Vertx vertx, int port) {
    this(vertx, port, -1);
  }

  /** @param tlsPort the gateway's TLS listener, -1 for none */
  GatewayClient(Vertx vertx, int port, int tlsPort) {
    this.port = port;
    this.tlsPort = tlsPort;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, path).timeout(TIMEOUT_MS);
  }

  HttpRequest<Buffer> get(String path) {
    return request(HttpMethod.GET, path);
  }

  /** The requests sent one after another; their answers in order. */
  Future<List<HttpResponse<Buffer>>> inTurn(List<Function<GatewayClient, Future<HttpResponse<Buffer>>>> requests) {
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Function<GatewayClient, Future<HttpResponse<Buffer>>> request : requests) {
      chain = chain.compose(v -> request.apply(this).map(answer -> {
        answers.add(answer);
        return null;
      }));
    }
    return chain.map(answers);
  }

  int port() {
    return port;
  }

  int tlsPort() {
    return tlsPort;
  }
}
