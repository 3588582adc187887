package com.medcontracthub.perf;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;

/**
 * The upstream every proxy in {@link GatewayBenchmark} forwards to: a small JSON answer from one Vert.x verticle per
 * core, in its own JVM. Prints {@code listening <port>} once it accepts connections.
 */
public final class UpstreamServer extends VerticleBase {

  private static final Buffer ANSWER = Buffer.buffer("{\"id\":\"N0001\",\"title\":\"Nitrile exam gloves\",\"ok\":true}");

  private final int port;

  UpstreamServer(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(request -> request.response()
        .putHeader("Content-Type", "application/json").end(ANSWER)).listen(port, "127.0.0.1");
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new UpstreamServer(port),
        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).await();
    System.out.println("listening " + port);
  }
}
