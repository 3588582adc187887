package com.medcontracthub.perf;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.httpproxy.HttpProxy;

/**
 * The platform's ceiling in {@link GatewayBenchmark}: Vert.x's own reverse proxy ({@code vertx-http-proxy}, as its
 * documentation sets it up) in front of the benchmark's upstream, one verticle per core as the gateway runs, each with
 * a keep-alive pool as large as the gateway's. Prints {@code listening <port>} once it accepts connections.
 */
public final class StockVertxProxy extends VerticleBase {

  /** The gateway's pool per service and event loop. */
  private static final int POOL_SIZE = 256;

  private final int port;
  private final int upstreamPort;

  StockVertxProxy(int port, int upstreamPort) {
    this.port = port;
    this.upstreamPort = upstreamPort;
  }

  @Override
  public Future<?> start() {
    HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(POOL_SIZE))).origin(upstreamPort, "127.0.0.1");
    return vertx.createHttpServer().requestHandler(proxy).listen(port, "127.0.0.1");
  }

  /** {@code StockVertxProxy <port> <upstream port>}. */
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int upstreamPort = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new StockVertxProxy(port, upstreamPort),
        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).await();
    System.out.println("listening " + port);
  }
}
