package com.medcontracthub.gateway.declarative;

import com.medcontracthub.gateway.Problems;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A reverse proxy to an {@code http(s)://} service: pooled keep-alive connections, bodies streamed both ways
 * (never held whole), the service's connect and read timeouts, Kong's {@code X-Forwarded-*} headers. A service that
 * cannot be reached is a 502 problem, one that stops answering a 504.
 */
final class HttpUpstream implements Upstream {

  private static final int POOL_SIZE = 256;

  private final GatewaySpec.Service service;
  private final HttpClient client;

  HttpUpstream(Vertx vertx, GatewaySpec.Service service) {
    this.service = service;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setSsl(service.upstream().scheme()
        .equals("https")), new PoolOptions().setHttp1MaxSize(POOL_SIZE));
  }

  @Override
  public void close(long drainMs) {
    client.shutdown(drainMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void forward(Exchange exchange) {
    HttpServerRequest request = exchange.ctx().request();
    GatewaySpec.Upstream upstream = service.upstream();
    ProxyRequest proxied = ProxyRequest.reverseProxy(request);
    proxied.setURI(exchange.upstreamPath() + (request.query() == null ? "" : "?" + request.query()));
    if (!exchange.route().preserveHost()) {
      proxied.setAuthority(HostAndPort.create(upstream.host(), upstream.port()));
    }
    exchange.hiddenHeaders().forEach(proxied.headers()::remove);
    proxied.headers().setAll(exchange.upstreamHeaders());
    String forwardedFor = request.getHeader("X-Forwarded-For");
    String caller = request.remoteAddress().host();
    proxied.headers().set("X-Forwarded-For", forwardedFor == null ? caller : forwardedFor + ", " + caller)
        .set("X-Real-IP", caller)
        .set("X-Forwarded-Proto", request.scheme())
        .set("X-Forwarded-Host", request.authority() == null ? "" : request.authority().host())
        .set("X-Forwarded-Path", request.path());
    RequestOptions options = new RequestOptions().setHost(upstream.host()).setPort(upstream.port())
        .setConnectTimeout(service.connectTimeoutMs()).setIdleTimeout(service.readTimeoutMs());
    client.request(options)
        .compose(proxied::send)
        .compose(ProxyResponse::send)
        .onFailure(e -> {
          proxied.release();
          if (!exchange.ctx().response().headWritten()) {
            boolean timedOut = e instanceof TimeoutException || String.valueOf(e.getMessage()).contains("timeout");
            Problems.send(exchange.ctx(), timedOut ? 504 : 502, timedOut
                ? "the upstream service did not answer in time"
                : "the upstream service cannot be reached");
          } else {
            exchange.ctx().response().reset();
          }
        });
  }
}
